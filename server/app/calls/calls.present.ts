import type { Approval, CallDetail, CallSummary, TranscriptTurn } from "@frontdesk/core";
import type { CallRow, ToolInvocation } from "@frontdesk/db";

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** Our own address of a call's stored recording (REST, with the secret key). */
export const recordingPath = (callId: string) => `/api/v1/calls/${callId}/recording`;

export function presentCall(row: CallRow & { snippet?: string }): CallSummary {
  return {
    id: row.id,
    direction: row.direction,
    from: row.fromE164,
    to: row.toE164,
    status: row.status,
    agentId: row.agentId,
    numberId: row.phoneNumberId,
    customerId: row.customerId,
    startedAt: iso(row.startedAt),
    durationMs: row.durationMs,
    summary: row.summary,
    intent: row.intent,
    outcome: row.outcome,
    simulated: row.simulated,
    ...(row.snippet !== undefined ? { snippet: row.snippet } : {}),
  };
}

export function presentToolInvocation(row: ToolInvocation): CallDetail["toolInvocations"][number] {
  return {
    id: row.id,
    tool: row.tool,
    args: row.args as Record<string, unknown>,
    status: row.status,
    outcomeCode: row.outcomeCode,
    answer: row.answer,
    latencyMs: row.latencyMs,
    startedAt: new Date(row.startedAt).toISOString(),
    afterTurns: row.afterTurns,
    appointmentId: row.appointmentId,
    approvalId: row.approvalId,
  };
}

export function presentCallDetail(row: CallRow, parts: { turns: TranscriptTurn[]; tools: ToolInvocation[]; approvals: Approval[] }): CallDetail {
  return {
    ...presentCall(row),
    endedAt: iso(row.endedAt),
    disconnectionReason: row.disconnectionReason,
    sentiment: row.sentiment,
    intentConfidence: row.intentConfidence,
    escalated: row.escalated,
    escalationReason: row.escalationReason,
    satisfaction: row.satisfaction,
    talkAgentMs: row.talkAgentMs,
    talkCallerMs: row.talkCallerMs,
    costCents: row.costCents,
    latencyP50Ms: row.latencyP50Ms,
    recordingStatus: row.recordingStatus,
    recordingUrl: row.recordingStatus === "stored" && row.recordingKey ? recordingPath(row.id) : null,
    turns: parts.turns,
    toolInvocations: parts.tools.map(presentToolInvocation),
    approvals: parts.approvals,
  };
}

const csvColumns = ["id", "startedAt", "direction", "from", "to", "status", "agentId", "numberId", "durationMs", "intent", "outcome", "summary", "simulated"] as const;

/** A field as CSV (RFC 4180); one a spreadsheet would run as a formula (=, +, -, @) starts with an apostrophe. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const callCsvHeader = `${csvColumns.join(",")}\r\n`;

export function callCsvLines(calls: CallSummary[]): string {
  return calls.map((call) => `${csvColumns.map((column) => field(call[column])).join(",")}\r\n`).join("");
}
