import { createHmac } from "node:crypto";
import type { z } from "zod";
import {
  FrontdeskError,
  maxAuditExportEntries,
  type AuditActorKind,
  type AuditEntry,
  type AuditOutcome,
  type auditExportInput,
  type auditListInput,
} from "@frontdesk/core";
import { forTenant, randomId, recordAuditEntry, type AuditFilter, type AuditRow, type Db, type Writer } from "@frontdesk/db";
import { clientAddress } from "../http/limits";
import { auditCsv } from "./audit-csv";

/** Who acted, as the log names them: never a secret (a key's prefix, not the key). */
export interface AuditActor {
  kind: AuditActorKind;
  id: string | null;
}

/** Where a call came from: a keyed hash of the network address, and the user agent it sent. */
export interface AuditCaller {
  ipHash: string | null;
  userAgent: string | null;
}

export interface AuditRecord {
  /** Set to write the same entry again (it replaces the first); a new id otherwise. */
  id?: string;
  /** Null when the call names no business it can be pinned on (an unknown secret key). */
  tenantId: string | null;
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string | null } | undefined;
  outcome: AuditOutcome;
  errorCode?: string | null;
  caller?: AuditCaller;
  /** Ids and counts only: no customer's details. */
  detail?: Record<string, unknown>;
}

export interface AuditDeps {
  db: Db;
  now: () => number;
  /** Keys the address hash, so it cannot be reversed by hashing every IPv4 address. */
  secret: string;
  /** How many proxies append to X-Forwarded-For (`TRUST_PROXY`), as for the rate limits. */
  trustedProxies: number;
}

/** User agents are cut to this many characters: enough to tell browsers and SDKs apart. */
const maxUserAgentLength = 200;

/**
 * The audit log: who did what to a business's data, when and from where, and who was refused. Independent of the
 * kind of principal: callers hand it an actor, and any principal allowed to read the log reads it the same way.
 */
export function auditService({ db, now, secret, trustedProxies }: AuditDeps) {
  const rowOf = (entry: AuditRecord) => ({
    id: entry.id ?? randomId("aud"),
    tenantId: entry.tenantId,
    at: now(),
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    outcome: entry.outcome,
    errorCode: entry.errorCode ?? null,
    ipHash: entry.caller?.ipHash ?? null,
    userAgent: entry.caller?.userAgent ?? null,
    detail: entry.detail ?? {},
  });

  async function record(writer: Writer, entry: AuditRecord): Promise<string> {
    const row = rowOf(entry);
    await recordAuditEntry(writer, row);
    return row.id;
  }

  return {
    /** Where a request came from, as the log keeps it. */
    callerOf(socketAddress: string | undefined, forwardedFor: string | null, userAgent: string | null): AuditCaller {
      const address = clientAddress(socketAddress, forwardedFor, trustedProxies);
      return {
        ipHash: address === "unknown" ? null : createHmac("sha256", secret).update(`audit:${address}`).digest("base64url").slice(0, 22),
        userAgent: userAgent ? userAgent.slice(0, maxUserAgentLength) : null,
      };
    },

    /** Records the entry in `writer`'s write, so it commits (or not) with the change; returns its id. */
    record,

    /** Records the entry in a write of its own: for a denied or failed call, which changes nothing else. */
    recordAlone: (entry: AuditRecord): Promise<string> => db.write((writer) => record(writer, entry)),

    /** A page of the business's log, newest first; `nextCursor` asks for the page after. */
    async list(tenantId: string, input: z.output<typeof auditListInput>): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
      const rows = await forTenant(db, tenantId).auditEntries({
        ...filterOf(input),
        ...(input.cursor ? { after: decodeCursor(input.cursor) } : {}),
        order: "newest",
        limit: input.limit + 1,
      });
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return { entries: page.map(present), nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
    },

    /** The entries of a range, oldest first, as JSON lines or CSV; a range holding more than one export may ends at `nextFrom`. */
    async export(tenantId: string, input: z.output<typeof auditExportInput>) {
      const rows = await forTenant(db, tenantId).auditEntries({ ...filterOf(input), order: "oldest", limit: maxAuditExportEntries + 1 });
      let kept = rows.slice(0, maxAuditExportEntries);
      let nextFrom: string | null = null;
      const first = rows[maxAuditExportEntries];
      if (first) {
        // Cut between instants, so that exporting again from `nextFrom` repeats and skips nothing.
        const before = kept.filter((row) => row.at < first.at);
        kept = before.length > 0 ? before : kept;
        nextFrom = new Date(before.length > 0 ? first.at : first.at + 1).toISOString();
      }
      const entries = kept.map(present);
      const content = input.format === "csv" ? auditCsv(entries) : entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
      return { format: input.format, content, count: entries.length, nextFrom };
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;

function filterOf(input: z.output<typeof auditListInput> | z.output<typeof auditExportInput>): Omit<AuditFilter, "order" | "limit"> {
  return {
    ...(input.from ? { fromMs: Date.parse(input.from) } : {}),
    ...(input.to ? { toMs: Date.parse(input.to) } : {}),
    ...(input.actorKind ? { actorKind: input.actorKind } : {}),
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.action ? { action: input.action } : {}),
  };
}

function present(row: AuditRow): AuditEntry {
  const { tenantId: _tenant, at, ...rest } = row;
  return { ...rest, at: new Date(at).toISOString() };
}

const encodeCursor = (row: AuditRow) => Buffer.from(JSON.stringify([row.at, row.id])).toString("base64url");

function decodeCursor(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "number" && typeof id === "string") return { at, id };
  } catch {
    // Reported below, as any other cursor this server did not make.
  }
  throw new FrontdeskError("VALIDATION_FAILED", "This cursor is not one this server made: pass the nextCursor of the page before.", { field: "cursor" });
}
