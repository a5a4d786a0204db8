/**
 * The phone line's part of the tenant-isolation checks (`tenant-scope.test.ts`): what each business has, each read
 * asked about tenant B's rows, and each write aimed at them, with what it must answer.
 */
import type { AgentConfig } from "@frontdesk/core";
import * as schema from "../schema";
import type { TenantScope, TenantWriteScope } from "./tenant-scope";

const monday10 = Date.parse("2030-01-07T10:00:00Z");
const hour = 3_600_000;

export function phoneLineIdsOf(tenant: "a" | "b") {
  const digit = tenant === "a" ? "1" : "2";
  return {
    connection: `vcn_${tenant}`,
    agent: `agt_${tenant}`,
    providerAgent: `agent_${tenant}`,
    agentVersion: `agv_${tenant}`,
    number: `num_${tenant}`,
    e164: `+1415555010${digit}`,
    porting: `prt_${tenant}`,
    knowledge: `kbe_${tenant}`,
    call: `cal_${tenant}`,
    providerCall: `call_${tenant}`,
    caller: `+1415555014${digit}`,
    toolInvocation: `tin_${tenant}`,
    message: `msg_phone_${tenant}`,
    approval: `apr_${tenant}`,
    phoneCustomer: `cus_phone_${tenant}`,
  };
}
type Ids = ReturnType<typeof phoneLineIdsOf>;

const config: AgentConfig = {
  name: "Receptionist",
  type: "receptionist",
  voiceId: "retell-Cimo",
  language: "en-US",
  greeting: "Hello!",
  personality: "friendly",
  customInstructions: "",
  promptStyle: "enhanced",
  transferNumber: null,
  escalation: { onRequest: true, onFrustration: true, keywords: [] },
  maxCallDurationMin: 15,
  concurrentCallLimit: null,
  requireApproval: true,
  tools: ["check_availability"],
  workingHours: null,
  afterHoursAgentId: null,
};

/** Everything of the phone line one business has, linked to its appointment `appointmentId`. */
export async function seedPhoneLine(scope: TenantWriteScope, ids: Ids, appointmentId: string): Promise<void> {
  const at = { createdAt: monday10, updatedAt: monday10 };
  await scope.saveVoiceConnection({ id: ids.connection, provider: "retell", mode: "sandbox", secretSealed: "v1.x", baseUrl: "http://127.0.0.1:9" });
  await scope.addAgent({ id: ids.agent, name: "Receptionist", type: "receptionist", draftConfig: config, connectionId: ids.connection, providerAgentId: ids.providerAgent });
  await scope.addAgentVersion({ id: ids.agentVersion, agentId: ids.agent, number: 1, config, prompt: "You answer the phone.", tools: [], promptHash: "h1", publishedAt: monday10 });
  await scope.addPhoneNumber({ id: ids.number, e164: ids.e164, country: "US", type: "local", carrier: "twilio", status: "active", agentId: ids.agent, capabilities: { voice: true, sms: true, mms: false } });
  await scope.recordPhoneNumberEvent({ id: `pne_${ids.number}`, numberId: ids.number, at: monday10, status: "active", actor: "staff" });
  await scope.addPortingRequest({ id: ids.porting, e164: "+12125550100", currentCarrier: "Old Tel", accountNumberSealed: "v1.acct", ...at });
  await scope.recordPortingEvent({ id: `pre_${ids.porting}`, requestId: ids.porting, at: monday10, status: "draft", actor: "staff" });
  await scope.addKnowledgeEntry({ id: ids.knowledge, kind: "qa", title: "Where do I park?", body: "Parking is behind the building, mañana and every day.", tags: [], ...at });
  await scope.saveCall({
    id: ids.call, providerCallId: ids.providerCall, agentId: ids.agent, agentVersionId: ids.agentVersion, phoneNumberId: ids.number, connectionId: ids.connection,
    direction: "inbound", fromE164: ids.caller, toE164: ids.e164, status: "ongoing", startedAt: monday10, durationMs: 60_000, costCents: 7, ...at,
  });
  await scope.saveTranscript(ids.call, [{ role: "user", text: "Una limpieza mañana", startSec: 0, endSec: 2, words: [] }], "Caller: Una limpieza mañana por la tarde", monday10);
  await scope.claimToolInvocation({ id: ids.toolInvocation, providerCallId: ids.providerCall, agentId: ids.agent, tool: "check_availability", argsHash: "args1", args: {}, startedAt: monday10 });
  await scope.addCallerMessage({ id: ids.message, providerCallId: ids.providerCall, name: "Bea", phoneE164: ids.caller, message: "Call me back", reason: "caller_asked", createdAt: monday10 });
  await scope.addApproval({ id: ids.approval, kind: "book", appointmentId, callId: ids.call, providerCallId: ids.providerCall, toolInvocationId: ids.toolInvocation, createdAt: monday10 });
  await scope.addApproval({ id: `${ids.approval}_message`, kind: "message", messageId: ids.message, providerCallId: ids.providerCall, createdAt: monday10 });
  await scope.saveCustomer({ id: ids.phoneCustomer, name: "Caller", email: null, phone: "(415) 555-014x", phoneE164: ids.caller, timeZone: null, locale: null });
}

export const phoneLineTables = [
  schema.voiceConnections, schema.agents, schema.agentVersions, schema.phoneNumbers, schema.phoneNumberEvents, schema.portingRequests,
  schema.portingRequestEvents, schema.knowledgeEntries, schema.calls, schema.callTranscripts, schema.toolInvocations, schema.callerMessages, schema.approvals,
] as const;

/** Each phone-line read of the scope, asked about tenant B's rows. */
export function phoneLineReads(b: Ids, appointment: string): Record<string, (scope: TenantScope) => Promise<unknown>> {
  return {
    voiceConnections: (scope) => scope.voiceConnections(),
    voiceConnection: (scope) => scope.voiceConnection(b.connection),
    phoneNumbers: (scope) => scope.phoneNumbers(),
    phoneNumber: (scope) => scope.phoneNumber(b.number),
    phoneNumberEvents: (scope) => scope.phoneNumberEvents(b.number),
    portingRequests: (scope) => scope.portingRequests(),
    portingRequest: (scope) => scope.portingRequest(b.porting),
    portingRequestEvents: (scope) => scope.portingRequestEvents(b.porting),
    agents: (scope) => scope.agents(),
    agent: (scope) => scope.agent(b.agent),
    agentVersions: (scope) => scope.agentVersions(b.agent),
    agentVersion: (scope) => scope.agentVersion(b.agentVersion),
    knowledgeEntries: (scope) => scope.knowledgeEntries(),
    knowledgeEntry: (scope) => scope.knowledgeEntry(b.knowledge),
    // Both businesses' entries hold these words: each finds its own alone.
    searchKnowledge: (scope) => scope.searchKnowledge("where to park", 5),
    call: (scope) => scope.call(b.call),
    callByProviderCallId: (scope) => scope.callByProviderCallId(b.providerCall),
    callPage: (scope) => scope.callPage({ search: "limpieza manana", limit: 10 }),
    callTranscript: async (scope) => ((await scope.callTranscript(b.call)) ? "ten_b" : "none"),
    liveCalls: (scope) => scope.liveCalls(),
    numberUsage: async (scope) => ((await scope.numberUsage(b.number, monday10 - hour, monday10 + hour)).calls > 0 ? "ten_b" : "none"),
    toolInvocationsOfCall: (scope) => scope.toolInvocationsOfCall(b.providerCall),
    toolInvocation: (scope) => scope.toolInvocation(b.toolInvocation),
    callerMessages: (scope) => scope.callerMessages(),
    callsOfCustomer: (scope) => scope.callsOfCustomer(b.phoneCustomer, b.caller),
    callerMessagesFrom: (scope) => scope.callerMessagesFrom(b.caller),
    callerMessage: (scope) => scope.callerMessage(b.message),
    callerMessagesById: (scope) => scope.callerMessagesById([b.message]),
    openCallerMessageOfCall: (scope) => scope.openCallerMessageOfCall(b.providerCall),
    approvals: (scope) => scope.approvals({ status: "pending", limit: 10 }),
    approval: (scope) => scope.approval(b.approval),
    approvalsOfCall: (scope) => scope.approvalsOfCall(b.providerCall),
    pendingApprovalOf: (scope) => scope.pendingApprovalOf(appointment, "book"),
    pendingApprovalOfMessage: (scope) => scope.pendingApprovalOfMessage(b.message),
    customerByPhone: (scope) => scope.customerByPhone(b.caller),
    customersByName: (scope) => scope.customersByName("cal", 3),
  };
}

/** Each phone-line write of the scope, aimed at tenant B's rows. */
export function phoneLineWrites(a: Ids, b: Ids, appointment: string): Record<string, (scope: TenantWriteScope) => Promise<unknown>> {
  const at = { createdAt: monday10, updatedAt: monday10 };
  return {
    saveVoiceConnection: (scope) => scope.saveVoiceConnection({ id: "vcn_a_new", provider: "twilio", mode: "live", accountRef: "AC1", secretSealed: "v1.t" }),
    updateVoiceConnection: (scope) => scope.updateVoiceConnection(b.connection, { status: "failing" }),
    removeVoiceConnection: (scope) => scope.removeVoiceConnection(b.connection),
    // B's live number is B's: A cannot have it too.
    addPhoneNumber: (scope) =>
      scope.addPhoneNumber({ id: "num_a_new", e164: b.e164, country: "US", type: "local", carrier: "twilio", capabilities: { voice: true, sms: false, mms: false } }).catch((error: { code?: string }) => error.code),
    updatePhoneNumber: (scope) => scope.updatePhoneNumber(b.number, { nickname: "Taken over", status: "released" }),
    recordPhoneNumberEvent: (scope) => scope.recordPhoneNumberEvent({ id: "pne_a_new", numberId: b.number, at: monday10, status: "released", actor: "staff" }),
    addPortingRequest: (scope) => scope.addPortingRequest({ id: "prt_a_new", e164: "+12125550199", currentCarrier: "Old Tel", accountNumberSealed: "v1.b", ...at }),
    updatePortingRequest: (scope) => scope.updatePortingRequest(b.porting, { status: "cancelled" }),
    recordPortingEvent: (scope) => scope.recordPortingEvent({ id: "pre_a_new", requestId: b.porting, at: monday10, status: "cancelled", actor: "staff" }),
    addAgent: (scope) => scope.addAgent({ id: "agt_a_new", name: "New", type: "custom", draftConfig: config }),
    updateAgent: (scope) => scope.updateAgent(b.agent, { name: "Taken over" }),
    addAgentVersion: (scope) => scope.addAgentVersion({ id: "agv_a_new", agentId: b.agent, number: 2, config, prompt: "", tools: [], promptHash: "h", publishedAt: monday10 }),
    addKnowledgeEntry: (scope) => scope.addKnowledgeEntry({ id: "kbe_a_new", kind: "document", title: "Prices", body: "A cleaning costs $90.", tags: [], ...at }),
    updateKnowledgeEntry: (scope) => scope.updateKnowledgeEntry(b.knowledge, { title: "Taken over" }),
    removeKnowledgeEntry: (scope) => scope.removeKnowledgeEntry(b.knowledge),
    // B's call id names B's call: A's record of it is refused, and B's stays as it was.
    saveCall: (scope) => scope.saveCall({ id: "cal_a_new", providerCallId: b.providerCall, direction: "inbound", fromE164: a.caller, toE164: a.e164, status: "ended", ...at }),
    saveTranscript: (scope) => scope.saveTranscript(b.call, [], "Taken over", monday10),
    // The same call id, tool and arguments under A's name are A's own claim, not a replay of B's.
    claimToolInvocation: async (scope) =>
      (await scope.claimToolInvocation({ id: "tin_a_new", providerCallId: b.providerCall, agentId: a.agent, tool: "check_availability", argsHash: "args1", args: {}, startedAt: monday10 })).claimed,
    finishToolInvocation: (scope) => scope.finishToolInvocation(b.toolInvocation, { status: "done", answer: "{}", outcomeCode: "OK", finishedAt: monday10, latencyMs: 3, appointmentId: null, approvalId: null, messageId: null }),
    linkToolInvocations: (scope) => scope.linkToolInvocations(b.providerCall, b.call),
    // A's own claim above shares B's call id, tool and arguments: A places that one, and B's stays where it was.
    placeToolInvocations: (scope) => scope.placeToolInvocations(b.providerCall, [{ tool: "check_availability", argsHash: "args1", afterTurns: 7, providerToolCallId: "tc_a" }]),
    addCallerMessage: (scope) => scope.addCallerMessage({ id: "msg_phone_a_new", name: "Ada", message: "Hi", reason: "after_hours", createdAt: monday10 }),
    updateCallerMessage: (scope) => scope.updateCallerMessage(b.message, { status: "done", doneAt: monday10 }),
    eraseCalls: (scope) => scope.eraseCalls([b.call], monday10),
    eraseCallerMessages: (scope) => scope.eraseCallerMessages([b.message]),
    addApproval: (scope) => scope.addApproval({ id: "apr_a_new", kind: "cancel", appointmentId: appointment, createdAt: monday10 }),
    decideApproval: (scope) => scope.decideApproval(b.approval, ["pending"], { status: "approved", decidedAt: monday10 }),
    linkApprovals: (scope) => scope.linkApprovals(b.providerCall, b.call),
  };
}

/** What the writes above must answer: each says it found nothing of B's. */
export const phoneLineWriteResults = {
  updateVoiceConnection: false,
  removeVoiceConnection: false,
  addPhoneNumber: "NUMBER_TAKEN",
  updatePhoneNumber: undefined,
  recordPhoneNumberEvent: false,
  updatePortingRequest: undefined,
  recordPortingEvent: false,
  updateAgent: undefined,
  addAgentVersion: undefined,
  updateKnowledgeEntry: false,
  removeKnowledgeEntry: false,
  saveCall: undefined,
  saveTranscript: false,
  claimToolInvocation: true,
  finishToolInvocation: false,
  linkToolInvocations: 0,
  placeToolInvocations: 1,
  updateCallerMessage: false,
  eraseCalls: 0,
  eraseCallerMessages: 0,
  addApproval: undefined,
  decideApproval: undefined,
  linkApprovals: 0,
};
