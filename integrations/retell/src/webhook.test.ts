import Retell from "retell-sdk";
import { describe, expect, it } from "vitest";
import { inboundAnswer, parseCallEvent, parseInbound, parseToolCall, retellSignatureToleranceMs, signRetellBody, verifyRetellSignature } from "./webhook";

const key = "key_3f1c0a9e5b7d4e2f8a6c";
const now = 1_796_000_000_000;
/** Non-ASCII on purpose: the signature is over the bytes as sent. */
const body = JSON.stringify({ event: "call_ended", call: { call_id: "call_1", agent_id: "agent_1", call_status: "ended", transcript: "¿Mañana a las 9? Sí — gracias 👍" } });

describe("x-retell-signature", () => {
  it("verifies what it signs, and only with the same key, body and time", () => {
    const header = signRetellBody(body, key, now);
    expect(header).toMatch(/^v=1796000000000,d=[0-9a-f]{64}$/);
    expect(verifyRetellSignature(body, header, key, { now })).toEqual({ ok: true, signedAt: now });
    expect(verifyRetellSignature(body, header, "key_other", { now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRetellSignature(body.replace("9", "8"), header, key, { now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRetellSignature(body, header.replace("v=1796000000000", "v=1796000000001"), key, { now })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts a signature up to five minutes old or early, and no more", () => {
    const header = signRetellBody(body, key, now);
    expect(verifyRetellSignature(body, header, key, { now: now + retellSignatureToleranceMs }).ok).toBe(true);
    expect(verifyRetellSignature(body, header, key, { now: now - retellSignatureToleranceMs }).ok).toBe(true);
    expect(verifyRetellSignature(body, header, key, { now: now + retellSignatureToleranceMs + 1 })).toEqual({ ok: false, reason: "stale" });
    expect(verifyRetellSignature(body, header, key, { now: now - retellSignatureToleranceMs - 1 })).toEqual({ ok: false, reason: "stale" });
  });

  it.each([
    [undefined, "missing"],
    ["", "missing"],
    ["d=abc,v=1", "malformed"],
    [`v=${now},d=${"0".repeat(63)}`, "malformed"],
    [`v=${now},d=${"g".repeat(64)}`, "malformed"],
    [`v=-1,d=${"0".repeat(64)}`, "malformed"],
    [`v=${now},d=${"0".repeat(64)}`, "mismatch"],
  ])("refuses the header %s as %s", (header, reason) => {
    expect(verifyRetellSignature(body, header, key, { now })).toEqual({ ok: false, reason });
  });

  it("agrees with retell-sdk both ways", async () => {
    const wallNow = Date.now();
    expect(await Retell.verify(body, key, signRetellBody(body, key, wallNow))).toBe(true);
    expect(await Retell.verify(body, "key_other", signRetellBody(body, key, wallNow))).toBe(false);
    const sdkHeader = await Retell.sign(body, key);
    expect(verifyRetellSignature(body, sdkHeader, key, { now: Date.now() })).toMatchObject({ ok: true });
    expect(verifyRetellSignature(`${body} `, sdkHeader, key, { now: Date.now() })).toEqual({ ok: false, reason: "mismatch" });
    // The SDK's own clock, five minutes and a bit on: stale for both.
    const old = signRetellBody(body, key, wallNow - retellSignatureToleranceMs - 60_000);
    expect(await Retell.verify(body, key, old)).toBe(false);
    expect(verifyRetellSignature(body, old, key, { now: wallNow }).ok).toBe(false);
  });
});

const call = {
  call_id: "call_9f2",
  call_type: "phone_call",
  agent_id: "agent_abc",
  agent_version: 3,
  call_status: "ended",
  direction: "inbound",
  from_number: "+14155550142",
  to_number: "+14155550100",
  start_timestamp: 1_796_000_000_000,
  end_timestamp: 1_796_000_095_000,
  duration_ms: 95_000,
  disconnection_reason: "user_hangup",
  transcript_object: [
    { role: "agent", content: "Hi, BrightSmile Dental.", words: [{ word: "Hi,", start: 0.4, end: 0.7 }, { word: "Dental.", start: 1.5, end: 2.1 }] },
    { role: "user", content: "A cleaning next Tuesday?", words: [{ word: "A", start: 2.6, end: 2.7 }, { word: "Tuesday?", start: 3.9, end: 4.5 }] },
  ],
  transcript_with_tool_calls: [
    { role: "agent", content: "Hi, BrightSmile Dental." },
    { role: "node_transition", former_node_id: "begin", new_node_id: "booking" },
    { role: "user", content: "A cleaning next Tuesday?" },
    { role: "tool_call_invocation", tool_call_id: "tc_1", name: "check_availability", arguments: '{"service":"cleaning","date":"next Tuesday"}' },
    { role: "tool_call_result", tool_call_id: "tc_1", content: '{"code":"SLOTS"}', successful: true },
    { role: "tool_call_invocation", tool_call_id: "tc_2", name: "end_call", arguments: "{}" },
  ],
  call_analysis: { call_summary: "Booked.", user_sentiment: "Positive", call_successful: true, in_voicemail: false, custom_analysis_data: { intent: "book" } },
  call_cost: { combined_cost: 11, product_costs: [] },
  latency: { e2e: { p50: 820, p90: 1100 } },
  recording_url: "https://example.com/rec.wav",
  metadata: { frontdesk_number_id: "num_1" },
  retell_llm_dynamic_variables: { business_name: "BrightSmile Dental", after_hours: false },
  a_field_retell_added_later: { anything: true },
};

describe("Retell bodies", () => {
  it("read a call event into the provider-neutral call", () => {
    const event = parseCallEvent(JSON.stringify({ event: "call_analyzed", call }));
    expect(event).toEqual({
      kind: "call_analyzed",
      call: {
        providerCallId: "call_9f2",
        providerAgentId: "agent_abc",
        agentVersion: 3,
        direction: "inbound",
        from: "+14155550142",
        to: "+14155550100",
        status: "ended",
        startedAt: 1_796_000_000_000,
        endedAt: 1_796_000_095_000,
        durationMs: 95_000,
        disconnectionReason: "user_hangup",
        turns: [
          { role: "agent", text: "Hi, BrightSmile Dental.", startSec: 0.4, endSec: 2.1, words: [{ w: "Hi,", s: 0.4, e: 0.7 }, { w: "Dental.", s: 1.5, e: 2.1 }] },
          { role: "user", text: "A cleaning next Tuesday?", startSec: 2.6, endSec: 4.5, words: [{ w: "A", s: 2.6, e: 2.7 }, { w: "Tuesday?", s: 3.9, e: 4.5 }] },
        ],
        toolCalls: [
          { toolCallId: "tc_1", name: "check_availability", arguments: '{"service":"cleaning","date":"next Tuesday"}', afterTurns: 2, result: '{"code":"SLOTS"}', successful: true },
          { toolCallId: "tc_2", name: "end_call", arguments: "{}", afterTurns: 2 },
        ],
        analysis: { summary: "Booked.", sentiment: "Positive", successful: true, inVoicemail: false, custom: { intent: "book" } },
        costCents: 11,
        latencyP50Ms: 820,
        recordingUrl: "https://example.com/rec.wav",
        metadata: { frontdesk_number_id: "num_1" },
        variables: { business_name: "BrightSmile Dental", after_hours: "false" },
      },
    });
  });

  it("read a started call, which says little yet, without inventing the rest", () => {
    const event = parseCallEvent(JSON.stringify({ event: "call_started", call: { call_id: "call_1", agent_id: "agent_abc", call_status: "ongoing", start_timestamp: 5 } }));
    expect(event).toEqual({ kind: "call_started", call: { providerCallId: "call_1", providerAgentId: "agent_abc", agentVersion: 0, direction: "inbound", from: "", to: "", status: "ongoing", startedAt: 5 } });
  });

  it("name the events we do not record", () => {
    expect(parseCallEvent(JSON.stringify({ event: "transcript_updated", call: { call_id: "call_1", call_status: "ongoing" } }))).toEqual({ kind: "unhandled", event: "transcript_updated", providerCallId: "call_1" });
  });

  it("refuse what is not JSON, or not a Retell body, with a code and the field", () => {
    expect(() => parseCallEvent("{not json")).toThrow(expect.objectContaining({ code: "INVALID_JSON" }));
    expect(() => parseCallEvent(JSON.stringify({ event: "call_ended", call: { agent_id: "a" } }))).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "call.call_id" }));
    expect(() => parseToolCall(JSON.stringify({ call, args: {} }))).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "name" }));
    expect(() => parseInbound(JSON.stringify({ event: "call_started", call_inbound: {} }))).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  it("read a custom tool call", () => {
    const tool = parseToolCall(JSON.stringify({ name: "check_availability", call: { ...call, call_status: "ongoing" }, args: { service: "cleaning", date: "next Tuesday" } }));
    expect(tool).toEqual({
      name: "check_availability",
      providerCallId: "call_9f2",
      providerAgentId: "agent_abc",
      agentVersion: 3,
      from: "+14155550142",
      to: "+14155550100",
      direction: "inbound",
      args: { service: "cleaning", date: "next Tuesday" },
      variables: { business_name: "BrightSmile Dental", after_hours: "false" },
    });
    expect(parseToolCall(JSON.stringify({ name: "business_info", call: { call_id: "c", call_status: "ongoing" } })).args).toEqual({});
  });

  it("read the inbound-call webhook, and answer it", () => {
    expect(parseInbound(JSON.stringify({ event: "call_inbound", call_inbound: { from_number: "+14155550142", to_number: "+14155550100" } }))).toEqual({ from: "+14155550142", to: "+14155550100" });
    expect(parseInbound(JSON.stringify({ event: "call_inbound", call_inbound: { from_number: "+1", to_number: "+2", agent_id: "a", agent_version: 2, call_id: "c" } }))).toEqual({
      from: "+1",
      to: "+2",
      providerAgentId: "a",
      agentVersion: 2,
      providerCallId: "c",
    });
    expect(JSON.parse(inboundAnswer({ providerAgentId: "agent_after", version: 4, variables: { business_name: "BrightSmile" }, metadata: { frontdesk_number_id: "num_1" } }))).toEqual({
      call_inbound: { override_agent_id: "agent_after", override_agent_version: 4, dynamic_variables: { business_name: "BrightSmile" }, metadata: { frontdesk_number_id: "num_1" } },
    });
  });
});
