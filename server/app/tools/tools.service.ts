import { toolArgs, type AgentConfig, type AgentToolName, type ToolAnswer } from "@frontdesk/core";
import { toE164 } from "@frontdesk/core/phone";
import { forTenant, randomId, type Agent, type NewToolInvocation, type TenantWriteScope, type ToolInvocation } from "@frontdesk/db";
import type { ToolCall } from "@frontdesk/retell/webhook";
import type { PhoneAgent } from "../auth/principal";
import { setupSnapshots } from "../scheduling/setup-snapshot";
import { argsHashOf } from "./args-hash";
import { bookingTools } from "./booking.tools";
import { changeTools } from "./changes.tools";
import { infoTools } from "./info.tools";
import { messageTools } from "./messages.tools";
import { answer, languageOf, speaker } from "./phrases";
import type { ToolContext, ToolDeps, ToolResult } from "./tool-context";

/** Answers stay under this many bytes: the agent reads all of it on every turn. */
export const maxAnswerBytes = 2048;
/** A retry that finds its first attempt still running looks again this often, for this long. */
const waitStepMs = 25;
const waitLimitMs = 6_000;
/** Published agent configurations kept in memory, the least recently published going first. */
const maxKeptConfigs = 500;
/**
 * Tools that need no claim before they run: they change nothing, or (a booking) claim the call inside their one
 * transaction through `ToolContext.claim`, whose own idempotency key already makes a retry replay it. Every other
 * tool is claimed in a write of its own first.
 */
const claimedAfterTools = new Set<AgentToolName>(["check_availability", "find_customer", "business_info", "book_appointment"]);
/** A tool call's claim and answer change nothing a cache holds: the set-up snapshots outlive them (what the tool itself changes still counts). */
const recordOnly = { recordOnly: true } as const;
type Language = ReturnType<typeof languageOf>;

/** Thrown inside a tool's transaction when another attempt of the same tool call claimed it first: the write rolls back. */
class ClaimedElsewhere extends Error {}

/** The body an answer is sent as, shortened to fit `maxAnswerBytes` (extra fields first, then the words). */
export function answerBody(answered: ToolAnswer): string {
  let body = JSON.stringify(answered);
  if (Buffer.byteLength(body) <= maxAnswerBytes) return body;
  const { say, ok, code } = answered;
  const slots = answered.slots?.slice(0, 3);
  body = JSON.stringify({ say, ok, code, ...(slots ? { slots } : {}) });
  while (Buffer.byteLength(body) > maxAnswerBytes) {
    body = JSON.stringify({ say: `${say.slice(0, Math.floor(say.length * 0.8))}…`, ok, code });
  }
  return body;
}

/** The phone agent's tools, by name: each call runs once per (call, tool, arguments), and a retry gets the same bytes. */
export function toolsService(deps: ToolDeps) {
  const { db, now } = deps;
  const setups = setupSnapshots(db, now);
  const tools = { ...bookingTools(deps, setups), ...changeTools(deps), ...infoTools(deps, setups), ...messageTools(deps, setups) };

  // A published version never changes: its configuration is read once.
  const publishedConfigs = new Map<string, AgentConfig>();
  async function configOf(agent: Agent): Promise<AgentConfig> {
    const versionId = agent.publishedVersionId;
    if (!versionId) return agent.draftConfig;
    const kept = publishedConfigs.get(versionId);
    if (kept) return kept;
    // Stored through the schema when saved or published: read as it is.
    const config = (await forTenant(db, agent.tenantId).agentVersion(versionId))?.config;
    if (!config) return agent.draftConfig;
    if (publishedConfigs.size >= maxKeptConfigs) publishedConfigs.delete(publishedConfigs.keys().next().value!);
    publishedConfigs.set(versionId, config);
    return config;
  }

  /** A retry's answer: its first attempt's, once that one has one. */
  async function settledAnswer(tenantId: string, invocation: ToolInvocation, language: Language): Promise<string> {
    const scope = forTenant(db, tenantId);
    for (let waited = 0; ; waited += waitStepMs) {
      const row = waited === 0 ? invocation : await scope.toolInvocation(invocation.id);
      if (row?.answer) return row.answer;
      if (waited >= waitLimitMs) return answerBody(answer("ERROR", speaker(language, "UTC").say("stillWorking")));
      await new Promise((resolve) => setTimeout(resolve, waitStepMs));
    }
  }

  /** Runs the tool on arguments checked against its schema; an unexpected failure is an answer too, marked failed. */
  async function attempt(tool: AgentToolName, context: ToolContext): Promise<{ result: ToolResult; failed: boolean; latencyMs: number }> {
    const began = performance.now();
    const parsed = toolArgs[tool].safeParse(context.call.args);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "arguments"))];
      const result = { answer: answer("INVALID_ARGUMENTS", context.speak.say("invalidArguments", { fields: fields.join(", ") }), { fields }) };
      return { result, failed: false, latencyMs: Math.round(performance.now() - began) };
    }
    try {
      const result = await (tools[tool] as (context: ToolContext, args: unknown) => Promise<ToolResult>)(context, parsed.data);
      return { result, failed: false, latencyMs: Math.round(performance.now() - began) };
    } catch (error) {
      if (error instanceof ClaimedElsewhere) throw error;
      console.error(`Tool ${tool} failed for agent ${context.agent.id}:`, error);
      return { result: { answer: answer("ERROR", context.speak.say("error")) }, failed: true, latencyMs: Math.round(performance.now() - began) };
    }
  }

  const finished = (outcome: { result: ToolResult; failed: boolean; latencyMs: number }, body: string) => ({
    status: outcome.failed ? ("failed" as const) : ("done" as const),
    answer: body,
    outcomeCode: outcome.result.answer.code,
    finishedAt: now(),
    latencyMs: outcome.latencyMs,
    appointmentId: outcome.result.appointmentId ?? null,
    approvalId: outcome.result.approvalId ?? null,
    messageId: outcome.result.messageId ?? null,
  });

  // On an outbound call the person on the line is the number called, not the business's own.
  const callerOf = (call: ToolCall) => (call.direction === "outbound" ? call.to : call.from);

  /** Another attempt of this tool call claimed it: this one is counted on its row and answers as it does. */
  async function asRetry(tenantId: string, claim: NewToolInvocation, language: Language): Promise<string> {
    const { invocation } = await db.write((writer) => forTenant(writer, tenantId).claimToolInvocation(claim), recordOnly);
    return settledAnswer(tenantId, invocation, language);
  }

  /** Claims the call in a write of its own, then runs the tool: a retry meanwhile waits for this attempt's answer. */
  async function claimThenRun(tool: AgentToolName, context: Omit<ToolContext, "invocationId" | "claim" | "answered">, claim: NewToolInvocation, language: Language): Promise<string> {
    const tenantId = context.tenant.id;
    const { invocation, claimed } = await db.write((writer) => forTenant(writer, tenantId).claimToolInvocation(claim), recordOnly);
    if (!claimed) return settledAnswer(tenantId, invocation, language);
    const outcome = await attempt(tool, { ...context, invocationId: invocation.id, claim: async () => {}, answered: async () => {} });
    const body = answerBody(outcome.result.answer);
    await db.write((writer) => forTenant(writer, tenantId).finishToolInvocation(invocation.id, finished(outcome, body)), recordOnly);
    return body;
  }

  /**
   * Runs the tool, then claims the call and records its answer in one write, unless the tool's own transaction did
   * (`ToolContext.claim` and `answered`). Attempts racing each other may all run; the first claim's answer is the
   * answer, and a retry after it is answered the same bytes.
   */
  async function runThenClaim(tool: AgentToolName, context: Omit<ToolContext, "invocationId" | "claim" | "answered">, claim: NewToolInvocation, language: Language): Promise<string> {
    const tenantId = context.tenant.id;
    const began = performance.now();
    let claimedInWrite = false;
    let recorded: string | undefined;
    const inWrite = {
      async claim(scope: TenantWriteScope) {
        if (!(await scope.claimToolInvocation(claim)).claimed) throw new ClaimedElsewhere();
        claimedInWrite = true;
      },
      async answered(scope: TenantWriteScope, result: ToolResult) {
        const body = answerBody(result.answer);
        await scope.finishToolInvocation(claim.id, finished({ result, failed: false, latencyMs: Math.round(performance.now() - began) }, body));
        recorded = body;
      },
    };
    let outcome;
    try {
      outcome = await attempt(tool, { ...context, invocationId: claim.id, ...inWrite });
    } catch (error) {
      if (error instanceof ClaimedElsewhere) return asRetry(tenantId, claim, language); // its write rolled back
      throw error;
    }
    // A tool that returned has committed its transaction, claim and answer with it.
    if (!outcome.failed && recorded !== undefined) return recorded;
    const body = answerBody(outcome.result.answer);
    if (!outcome.failed && claimedInWrite) {
      await db.write((writer) => forTenant(writer, tenantId).finishToolInvocation(claim.id, finished(outcome, body)), recordOnly);
      return body;
    }
    if (!claimedInWrite) {
      // Claimed with its answer, in one statement; a retry that lost the race answers as the first.
      const { invocation, claimed } = await db.write((writer) => forTenant(writer, tenantId).claimToolInvocation(claim, finished(outcome, body)), recordOnly);
      return claimed ? body : settledAnswer(tenantId, invocation, language);
    }
    // A failure that may have come before or after the tool's transaction (and its claim) committed.
    const { invocation, ours } = await db.transaction(async (tx) => {
      const scope = forTenant(tx, tenantId);
      const claimed = await scope.claimToolInvocation(claim);
      const mine = claimed.claimed || claimed.invocation.id === claim.id;
      if (mine) await scope.finishToolInvocation(claim.id, finished(outcome, body));
      return { invocation: claimed.invocation, ours: mine };
    }, recordOnly);
    return ours ? body : settledAnswer(tenantId, invocation, language);
  }

  return {
    /** Runs `tool` for the agent's call and answers the JSON body to send back (always for HTTP 200). */
    async run(principal: PhoneAgent, agent: Agent, call: ToolCall, tool: AgentToolName): Promise<string> {
      const { tenant } = principal;
      const config = await configOf(agent);
      const language = languageOf(config.language);
      const argsHash = argsHashOf(call.args);
      const context = { tenant, agent, config, call, callerE164: toE164(callerOf(call)), argsHash, speak: speaker(language, tenant.timeZone) };
      const claim: NewToolInvocation = { id: randomId("tin"), providerCallId: call.providerCallId, agentId: agent.id, tool, argsHash, args: call.args, startedAt: now() };
      return (claimedAfterTools.has(tool) ? runThenClaim : claimThenRun)(tool, context, claim, language);
    },
  };
}

export type ToolsService = ReturnType<typeof toolsService>;
