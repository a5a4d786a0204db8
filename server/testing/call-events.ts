import { createHash } from "node:crypto";
import { signRetellBody } from "@frontdesk/retell/webhook";

/** The Retell key the sandbox gives a business (as `server/app/phone/connections.ts` derives it from the server secret). */
export function sandboxRetellKey(serverSecret: string, tenantId: string): string {
  return `key_sandbox_${createHash("sha256").update(`${serverSecret}:${tenantId}`).digest("hex").slice(0, 24)}`;
}

export interface SimulatedCall {
  callId: string;
  providerAgentId: string;
  agentVersion?: number;
  from: string;
  to: string;
  startAt: number;
  recordingUrl?: string;
  metadata?: Record<string, unknown>;
}

const lines: { role: "agent" | "user"; text: string }[] = [
  { role: "agent", text: "Thank you for calling BrightSmile Dental, how can I help?" },
  { role: "user", text: "Hi, can I get a cleaning next Tuesday morning?" },
  { role: "agent", text: "On Tuesday I have nine or a quarter to ten. Which suits you?" },
  { role: "user", text: "The second one please, mañana works too." },
  { role: "agent", text: "Done. You will get a confirmation shortly." },
];

/** Words at about 2.6 a second with 0.4 s between turns, as Retell times them (seconds of audio). */
function transcriptObject() {
  let clock = 0.5;
  return lines.map((line) => {
    const words = line.text.split(" ").map((word) => {
      const start = clock;
      clock += 0.385;
      return { word, start: Number(start.toFixed(3)), end: Number((clock - 0.05).toFixed(3)) };
    });
    clock += 0.4;
    return { role: line.role, content: line.text, words };
  });
}

/** The three events Retell sends for one finished call, as it would send them (bodies, not yet signed). */
export function callEventBodies(call: SimulatedCall): { kind: "call_started" | "call_ended" | "call_analyzed"; body: string }[] {
  const transcript = transcriptObject();
  const durationMs = 42_000;
  const base = {
    call_id: call.callId,
    call_type: "phone_call",
    agent_id: call.providerAgentId,
    agent_version: call.agentVersion ?? 1,
    direction: "inbound",
    from_number: call.from,
    to_number: call.to,
    start_timestamp: call.startAt,
    metadata: call.metadata ?? {},
    retell_llm_dynamic_variables: { business_name: "BrightSmile Dental" },
  };
  const ended = {
    ...base,
    call_status: "ended",
    end_timestamp: call.startAt + durationMs,
    duration_ms: durationMs,
    disconnection_reason: "user_hangup",
    transcript: transcript.map((turn) => `${turn.role === "agent" ? "Agent" : "User"}: ${turn.content}`).join("\n"),
    transcript_object: transcript,
    transcript_with_tool_calls: [
      ...transcript.slice(0, 2),
      { role: "tool_call_invocation", tool_call_id: "tc_1", name: "check_availability", arguments: '{"service":"cleaning","date":"next Tuesday"}' },
      { role: "tool_call_result", tool_call_id: "tc_1", content: '{"code":"SLOTS"}', successful: true },
      ...transcript.slice(2),
    ],
    call_cost: { combined_cost: 4.9, product_costs: [] },
    latency: { e2e: { p50: 812.4, p90: 1100 } },
    ...(call.recordingUrl ? { recording_url: call.recordingUrl } : {}),
  };
  const analyzed = {
    ...ended,
    call_analysis: {
      call_summary: "The caller booked a cleaning next Tuesday morning.",
      user_sentiment: "Positive",
      call_successful: true,
      in_voicemail: false,
      custom_analysis_data: { intent: "book", intent_confidence: 0.94, outcome: "successful", escalation_reason: "", satisfaction: 5 },
    },
  };
  return [
    { kind: "call_started", body: JSON.stringify({ event: "call_started", call: { ...base, call_status: "ongoing", transcript_object: [] } }) },
    { kind: "call_ended", body: JSON.stringify({ event: "call_ended", call: ended }) },
    { kind: "call_analyzed", body: JSON.stringify({ event: "call_analyzed", call: analyzed }) },
  ];
}

/** POSTs a body to a Retell webhook route of the server, signed with `key` (at `at`, the wall clock by default). */
export function postSigned(url: string, body: string, key: string, at = Date.now()): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-retell-signature": signRetellBody(body, key, at) }, body });
}
