import type { AuditOutcome } from "@frontdesk/core";
import { randomId, withWriteCompanion } from "@frontdesk/db";
import type { Principal } from "../auth/principal";
import { describe } from "../describe-error";
import { middleware, type RequestContext } from "../trpc";
import { auditedCalls, denialCodes } from "./audited-calls";
import type { AuditActor, AuditRecord } from "./audit.service";

/** A signed-in person acting for no business yet (creating one, accepting an invitation): logged as the person. */
export interface PersonActing {
  kind: "staff";
  tenant: null;
  userId: string;
}

/** The principal as the log names it: the id that tells one apart, never its secret. */
export function actorOf(principal: Principal | PersonActing): AuditActor {
  switch (principal.kind) {
    case "visitor":
      return { kind: "visitor", id: principal.publishableKey };
    case "business":
      return { kind: "business", id: principal.keyPrefix };
    case "manageLink":
      return { kind: "manageLink", id: principal.appointmentId };
    case "staff":
    case "platformAdmin":
      return { kind: principal.kind, id: principal.userId };
    case "embedSession":
      return { kind: "embedSession", id: principal.sessionId };
    case "agent":
      return { kind: "agent", id: principal.callId };
  }
}

type Fields = Record<string, unknown>;
const fieldsOf = (value: unknown): Fields => (typeof value === "object" && value !== null ? (value as Fields) : {});

/**
 * Records the call in the audit log: a change (or export) when it succeeds, any call when it is denied or fails.
 * The entry of a change goes along with each write the call makes, inside that write (`withWriteCompanion`), so
 * it commits with the change; written again with the same id at the end, it is settled there with the outcome and
 * the id of what the call created. A call that writes nothing (refused, or a change that changed nothing) gets
 * its entry in a write of its own.
 *
 * `principalOf` names who calls; it is the request's memoised lookup, so asking again costs nothing.
 */
export function audited(kind: Principal["kind"], principalOf: (ctx: RequestContext, input: unknown) => Promise<Principal | PersonActing>) {
  return middleware(async ({ ctx, path, type, input, getRawInput, next }) => {
    const call = auditedCalls[path] ?? (type === "mutation" ? { action: path } : undefined);
    const id = randomId("aud");
    // Undefined when the caller was not let in: the denial is recorded without a principal.
    const who = () => principalOf(ctx, input).catch(() => undefined);
    const entry = async (outcome: AuditOutcome, output: unknown, errorCode: string | null = null): Promise<AuditRecord> => {
      const principal = await who();
      const tenantId = principal?.tenant?.id ?? null;
      const target = call?.target;
      // A denied call's input was never read, and is not: it may be larger than a caller without a key may send.
      const rawInput = outcome === "denied" ? undefined : await getRawInput().catch(() => undefined);
      const targetId = target ? target.id(fieldsOf(rawInput), fieldsOf(output)) : null;
      return {
        id,
        tenantId,
        actor: principal ? actorOf(principal) : { kind, id: null },
        action: call?.action ?? path,
        target: target ? { type: target.type, id: targetId ?? (target.type === "business" ? tenantId : null) } : undefined,
        outcome,
        errorCode,
        caller: ctx.caller,
        detail: { call: path },
      };
    };

    let open = true;
    let written: AuditRecord | undefined;
    const result = await withWriteCompanion(async (writer) => {
      if (!open || !call) return;
      written = await entry("ok", undefined);
      await ctx.app.audit.record(writer, written);
    }, next);
    open = false;

    if (result.ok) {
      if (!call) return result;
      const settled = await entry("ok", result.data);
      // Already written with the change, unless the answer names what the change created.
      if (!written || written.target?.id !== settled.target?.id) await ctx.app.audit.recordAlone(settled);
      return result;
    }
    const code = describe(result.error, { type, path }).data.code;
    const denied = denialCodes.has(code);
    if (call || denied) await ctx.app.audit.recordAlone(await entry(denied ? "denied" : "failed", undefined, code));
    return result;
  });
}
