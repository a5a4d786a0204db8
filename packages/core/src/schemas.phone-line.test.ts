import { describe, expect, it } from "vitest";
import {
  agentConfigSchema,
  apiScopes,
  bulkApprovalInput,
  connectionInput,
  embedRoleScopes,
  memberScopes,
  numberSearchInput,
  scenarioSchema,
  toolAnswerSchema,
  toolArgs,
  webhookEventTypes,
} from "./index";

const issue = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => ({ path: i.path.join("."), message: i.message }))[0];

const scenario = {
  id: "book-cleaning-next-tuesday",
  title: { en: "Book a cleaning next Tuesday morning", es: "Reservar una limpieza el martes que viene por la mañana" },
  language: "en-US",
  caller: { number: "+14155550142", name: "Jordan Rivera" },
  requires: { open: true },
  turns: [
    { user: "Hi, can I get a cleaning next Tuesday morning?" },
    { tool: "check_availability", args: { service: "cleaning", date: "next Tuesday", part_of_day: "morning" }, as: "avail" },
    { if: "avail.code == 'NO_SLOTS'", then: [{ agent: "Sorry, that day is full." }, { end: "agent_hangup" }] },
    { agent: "{{avail.say}}" },
    { tool: "book_appointment", args: { service: "cleaning", start: "{{avail.slots[1].start}}", name: "{{caller.name}}" }, as: "booking" },
    { end: "user_hangup" },
  ],
  analysis: { call_summary: "Booked.", user_sentiment: "Positive", call_successful: true, custom: { intent: "book", outcome: "successful" } },
  expect: {
    routedTo: "main",
    tools: [{ name: "check_availability", code: "SLOTS" }, { name: "book_appointment", code: "PENDING_APPROVAL" }],
    call: { outcome: "successful", intent: "book", direction: "inbound" },
    appointments: [{ service: "svc_checkup", status: "pending", channel: "phone" }],
    approvals: [{ kind: "book", status: "pending" }],
    messages: 0,
  },
};

describe("the phone line's schemas", () => {
  it("read a scenario file, branches and all", () => {
    const parsed = scenarioSchema.parse(scenario);
    expect(parsed.direction).toBe("inbound");
    expect(parsed.turns).toHaveLength(6);
    expect(parsed.turns[2]).toMatchObject({ else: [] });
  });

  it("refuse a scenario turn of no known kind, or a tool the agent has not, and say where", () => {
    expect(issue(scenarioSchema.safeParse({ ...scenario, turns: [{ say: "hi" }] }))).toMatchObject({ path: "turns.0" });
    expect(issue(scenarioSchema.safeParse({ ...scenario, turns: [{ tool: "delete_everything" }] }))).toMatchObject({ path: "turns.0" });
    expect(issue(scenarioSchema.safeParse({ ...scenario, turns: [{ if: "avail.code = NO", then: [] }] }))).toEqual({ path: "turns.0.if", message: "Write a condition like avail.code == 'NO_SLOTS'." });
    expect(issue(scenarioSchema.safeParse({ ...scenario, caller: { number: "415 555 0142" } }))).toEqual({ path: "caller.number", message: "Write the number in E.164, e.g. +14155550100." });
  });

  it("give an agent's configuration its defaults, and want a transfer number in E.164", () => {
    const config = agentConfigSchema.parse({ name: "Front desk", type: "receptionist", voiceId: "retell-Cimo" });
    expect(config).toMatchObject({ language: "en-US", promptStyle: "enhanced", requireApproval: true, transferNumber: null, maxCallDurationMin: 15 });
    expect(config.tools).toContain("transfer_to_human");
    expect(issue(agentConfigSchema.safeParse({ ...config, transferNumber: "(415) 555-0100" }))).toMatchObject({ path: "transferNumber" });
    expect(issue(agentConfigSchema.safeParse({ ...config, type: "astrologer" }))).toMatchObject({ path: "type" });
  });

  it("take tool arguments as a language model fills them in, and refuse what no tool can use", () => {
    expect(toolArgs.check_availability.parse({ service: "cleaning", date: "el martes que viene", part_of_day: "any" })).toMatchObject({ date: "el martes que viene" });
    expect(issue(toolArgs.book_appointment.safeParse({ service: "cleaning", start: "next Tuesday at 9", name: "Jordan" }))).toMatchObject({ path: "start" });
    expect(toolArgs.transfer_to_human.parse({})).toEqual({ reason: "" });
    expect(toolAnswerSchema.parse({ say: "Booked.", ok: true, code: "BOOKED", appointment_id: "apt_1", extra: 1 })).toMatchObject({ extra: 1 });
    expect(issue(toolAnswerSchema.safeParse({ say: "?", ok: false, code: "MAYBE" }))).toMatchObject({ path: "code" });
  });

  it("want a reason to reject in bulk, not to approve", () => {
    expect(bulkApprovalInput.safeParse({ approvalIds: ["apr_1"], action: "approve" }).success).toBe(true);
    expect(issue(bulkApprovalInput.safeParse({ approvalIds: ["apr_1"], action: "reject" }))).toEqual({ path: "reason", message: "Say why, for the callers." });
  });

  it("read a number search and a provider's credentials with messages a person can act on", () => {
    expect(numberSearchInput.parse({ country: "us", areaCode: "415" })).toMatchObject({ country: "US", type: "local", limit: 20 });
    expect(issue(numberSearchInput.safeParse({ country: "USA" }))).toEqual({ path: "country", message: "Use a two-letter country code such as US." });
    expect(issue(connectionInput.safeParse({ provider: "twilio", accountSid: "SK123", authToken: "x".repeat(32) }))).toEqual({
      path: "accountSid",
      message: "Use the Account SID, which starts with AC.",
    });
  });

  it("let endpoints subscribe to calls and approvals, and give staff the call log and the approval queue to read", () => {
    expect(webhookEventTypes).toEqual(expect.arrayContaining(["call.started", "call.ended", "call.analyzed", "approval.created"]));
    expect(memberScopes.owner).toEqual(apiScopes);
    expect(memberScopes.staff).toEqual(["config:read", "bookings:read", "bookings:write", "calls:read", "approvals:read"]);
    expect(embedRoleScopes.staff).toEqual(memberScopes.staff);
    expect(embedRoleScopes.admin).toContain("approvals:write");
  });
});
