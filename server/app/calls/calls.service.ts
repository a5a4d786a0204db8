import { addDays, FrontdeskError, zonedWallTimeToUtc, type CallListInput } from "@frontdesk/core";
import { forTenant, type CallPageQuery, type CallRow, type Db, type Tenant } from "@frontdesk/db";
import { presentApprovals } from "../approvals/present";
import { callCsvHeader, callCsvLines, presentCall, presentCallDetail } from "./calls.present";

/** Calls one CSV export holds at most; past that the answer's `next` continues where it stopped. */
export const maxCallsPerExport = 5_000;
const exportChunk = 500;

export interface CallsDeps {
  db: Db;
}

/** The call log's filters in the scope's terms: local dates in the business's zone become [from, to) instants. */
export function callQuery(tenant: Tenant, input: Omit<CallListInput, "limit"> & { limit: number }): CallPageQuery {
  if (input.from && input.to && input.from > input.to) {
    throw new FrontdeskError("VALIDATION_FAILED", "`from` must not be after `to`.", { field: "to" });
  }
  return {
    ...(input.from ? { fromMs: zonedWallTimeToUtc(input.from, 0, tenant.timeZone) } : {}),
    ...(input.to ? { toMs: zonedWallTimeToUtc(addDays(input.to, 1), 0, tenant.timeZone) } : {}),
    ...(input.agentId ? { agentId: input.agentId } : {}),
    ...(input.numberId ? { phoneNumberId: input.numberId } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.intent ? { intent: input.intent } : {}),
    ...(input.direction ? { direction: input.direction } : {}),
    ...(input.search !== undefined && input.search.trim() !== "" ? { search: input.search } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
    limit: input.limit,
  };
}

/** The call log as staff read it: pages, one call's whole record, CSV, the stored recording's key, what is live. */
export function callsService({ db }: CallsDeps) {
  async function callOf(tenant: Tenant, callId: string): Promise<CallRow> {
    const call = await forTenant(db, tenant.id).call(callId);
    if (!call) throw new FrontdeskError("NOT_FOUND", "There is no such call.", { field: "callId" });
    return call;
  }

  return {
    async list(tenant: Tenant, input: CallListInput) {
      const page = await forTenant(db, tenant.id).callPage(callQuery(tenant, input));
      return { items: page.items.map(presentCall), next: page.next };
    },

    async detail(tenant: Tenant, callId: string) {
      const scope = forTenant(db, tenant.id);
      const call = await callOf(tenant, callId);
      const [transcript, tools, approvals] = await Promise.all([
        scope.callTranscript(call.id),
        scope.toolInvocationsOfCall(call.providerCallId),
        scope.approvalsOfCall(call.providerCallId),
      ]);
      return presentCallDetail(call, { turns: transcript?.turns ?? [], tools, approvals: await presentApprovals(scope, approvals) });
    },

    /** The current filter's calls as CSV, newest first, at most `maxCallsPerExport` at a time: `next` continues. */
    async exportCsv(tenant: Tenant, input: Omit<CallListInput, "limit">) {
      const scope = forTenant(db, tenant.id);
      let cursor = input.cursor;
      let content = callCsvHeader;
      let count = 0;
      let next: string | null = null;
      do {
        const page = await scope.callPage(callQuery(tenant, { ...input, ...(cursor ? { cursor } : {}), limit: Math.min(exportChunk, maxCallsPerExport - count) }));
        content += callCsvLines(page.items.map(presentCall));
        count += page.items.length;
        next = page.next;
        cursor = page.next ?? undefined;
      } while (next && count < maxCallsPerExport);
      return { content, count, next };
    },

    /** Where the call's recording is stored; NOT_FOUND until it is. */
    async recordingKey(tenant: Tenant, callId: string): Promise<string> {
      const call = await callOf(tenant, callId);
      if (call.recordingStatus !== "stored" || !call.recordingKey) {
        throw new FrontdeskError("NOT_FOUND", `This call has no stored recording (${call.recordingStatus}).`, { field: "callId" });
      }
      return call.recordingKey;
    },

    /** Calls in progress, and each agent's status with how many calls it is on now. */
    async live(tenant: Tenant) {
      const scope = forTenant(db, tenant.id);
      const [calls, agents] = await Promise.all([scope.liveCalls(), scope.agents()]);
      const onCall = new Map<string, number>();
      for (const call of calls) if (call.agentId) onCall.set(call.agentId, (onCall.get(call.agentId) ?? 0) + 1);
      return {
        calls: calls.map(presentCall),
        agents: agents.map((agent) => ({ id: agent.id, name: agent.name, status: agent.status, onCall: onCall.get(agent.id) ?? 0 })),
      };
    },
  };
}

export type CallsService = ReturnType<typeof callsService>;
