import { and, asc, desc, eq, gt, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { AuditActorKind } from "@frontdesk/core";
import { ormOf, type DrizzleDb, type Writer } from "../client";
import { auditEntries } from "../schema/audit";

export type AuditRow = typeof auditEntries.$inferSelect;
export type NewAuditRow = Omit<typeof auditEntries.$inferInsert, "tenantId"> & { tenantId: string | null };

export interface AuditFilter {
  fromMs?: number;
  toMs?: number;
  actorKind?: AuditActorKind;
  actorId?: string;
  /** An action, or a family of them: `config.*`. */
  action?: string;
  /** Only entries after this one in the chosen order: the cursor of the page before. */
  after?: { at: number; id: string };
  order: "newest" | "oldest";
  limit: number;
}

function actionIs(action: string): SQL {
  if (!action.endsWith(".*")) return eq(auditEntries.action, action);
  // `config.*`: every name from "config." up to "config/", the next character after the dot.
  const family = action.slice(0, -1);
  return and(gte(auditEntries.action, family), lt(auditEntries.action, `${family.slice(0, -1)}/`))!;
}

/** One tenant's audit log: reads. */
export function auditReads(orm: DrizzleDb, tenantId: string) {
  return {
    /** Entries matching the filter, in the order asked, at most `limit`. */
    auditEntries(filter: AuditFilter): Promise<AuditRow[]> {
      const newest = filter.order === "newest";
      const { after } = filter;
      return orm
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.tenantId, tenantId),
            filter.fromMs !== undefined ? gte(auditEntries.at, filter.fromMs) : undefined,
            filter.toMs !== undefined ? lt(auditEntries.at, filter.toMs) : undefined,
            filter.actorKind ? eq(auditEntries.actorKind, filter.actorKind) : undefined,
            filter.actorId ? eq(auditEntries.actorId, filter.actorId) : undefined,
            filter.action ? actionIs(filter.action) : undefined,
            after
              ? newest
                ? or(lt(auditEntries.at, after.at), and(eq(auditEntries.at, after.at), lt(auditEntries.id, after.id)))
                : or(gt(auditEntries.at, after.at), and(eq(auditEntries.at, after.at), gt(auditEntries.id, after.id)))
              : undefined,
          ),
        )
        .orderBy(...(newest ? [desc(auditEntries.at), desc(auditEntries.id)] : [asc(auditEntries.at), asc(auditEntries.id)]))
        .limit(filter.limit);
    },
  };
}

/** One tenant's audit log: writes, only on a Writer's scope. */
export function auditWrites(orm: DrizzleDb, tenantId: string) {
  return {
    /** Forgets where a customer's own calls (through their manage links) came from, when the customer is erased. */
    async forgetAuditOrigins(actorKind: AuditActorKind, actorIds: string[]): Promise<void> {
      if (actorIds.length === 0) return;
      await orm
        .update(auditEntries)
        .set({ ipHash: null, userAgent: null })
        .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.actorKind, actorKind), inArray(auditEntries.actorId, actorIds)));
    },
  };
}

/**
 * Writes an audit entry in `writer`'s write, for any business or none (a denied call may name none). Written again
 * with the same id, it replaces the first: a call's entry goes along with each of its writes, and is settled at the end.
 */
export async function recordAuditEntry(writer: Writer, entry: NewAuditRow): Promise<void> {
  const { id: _id, ...changes } = entry;
  await ormOf(writer).insert(auditEntries).values(entry).onConflictDoUpdate({ target: auditEntries.id, set: changes });
}
