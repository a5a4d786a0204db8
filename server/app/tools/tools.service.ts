import { toolArgs, type AgentConfig, type AgentToolName, type ToolAnswer } from "@frontdesk/core";
import { toE164 } from "@frontdesk/core/phone";
import { forTenant, randomId, type Agent, type ToolInvocation } from "@frontdesk/db";
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
/** Tools that change nothing: they need no claim before they run. */
const readOnlyTools = new Set<AgentToolName>(["check_availability", "find_customer", "business_info"]);
/** A tool call's claim and answer change nothing a cache holds: the set-up snapshots outlive them (what the tool itself changes still counts). */
const recordOnly = { recordOnly: true } as const;

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
  async function settledAnswer(tenantId: string, invocation: ToolInvocation, language: ReturnType<typeof languageOf>): Promise<string> {
    const scope = forTenant(db, tenantId);
    for (let waited = 0; ; waited += waitStepMs) {
      const row = waited === 0 ? invocation : await scope.toolInvocation(invocation.id);
      if (row?.answer) return row.answer;
      if (waited >= waitLimitMs) return answerBody(answer("ERROR", speaker(language, "UTC").say("stillWorking")));
      await new Promise((resolve) => setTimeout(resolve, waitStepMs));
    }
  }

  /** Runs the tool on arguments checked against its schema; an unexpected failure is an answer too, marked failed. */
  async function attempt(tool: AgentToolName, context: Omit<ToolContext, "invocationId">, invocationId: string): Promise<{ result: ToolResult; failed: boolean; latencyMs: number }> {
    const began = performance.now();
    const parsed = toolArgs[tool].safeParse(context.call.args);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "arguments"))];
      const result = { answer: answer("INVALID_ARGUMENTS", context.speak.say("invalidArguments", { fields: fields.join(", ") }), { fields }) };
      return { result, failed: false, latencyMs: Math.round(performance.now() - began) };
    }
    try {
      const result = await (tools[tool] as (context: ToolContext, args: unknown) => Promise<ToolResult>)({ ...context, invocationId }, parsed.data);
      return { result, failed: false, latencyMs: Math.round(performance.now() - began) };
    } catch (error) {
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

  return {
    /** Runs `tool` for the agent's call and answers the JSON body to send back (always for HTTP 200). */
    async run(principal: PhoneAgent, agent: Agent, call: ToolCall, tool: AgentToolName): Promise<string> {
      const { tenant } = principal;
      const config = await configOf(agent);
      const language = languageOf(config.language);
      const argsHash = argsHashOf(call.args);
      const context = { tenant, agent, config, call, callerE164: toE164(callerOf(call)), argsHash, speak: speaker(language, tenant.timeZone) };
      const claim = { id: randomId("tin"), providerCallId: call.providerCallId, agentId: agent.id, tool, argsHash, args: call.args, startedAt: now() };

      if (readOnlyTools.has(tool)) {
        // Nothing to do twice: run first, then claim and record in one write; a retry that lost the race answers as the first.
        const earlier = (await forTenant(db, tenant.id).toolInvocationsOfCall(call.providerCallId)).find((row) => row.tool === tool && row.argsHash === argsHash);
        if (earlier) return settledAnswer(tenant.id, earlier, language);
        const outcome = await attempt(tool, context, claim.id);
        const body = answerBody(outcome.result.answer);
        const { invocation, claimed } = await db.transaction(async (tx) => {
          const scope = forTenant(tx, tenant.id);
          const claimedRow = await scope.claimToolInvocation(claim);
          if (claimedRow.claimed) await scope.finishToolInvocation(claim.id, finished(outcome, body));
          return claimedRow;
        }, recordOnly);
        return claimed ? body : settledAnswer(tenant.id, invocation, language);
      }

      const { invocation, claimed } = await db.write((writer) => forTenant(writer, tenant.id).claimToolInvocation(claim), recordOnly);
      if (!claimed) return settledAnswer(tenant.id, invocation, language);
      const outcome = await attempt(tool, context, invocation.id);
      const body = answerBody(outcome.result.answer);
      await db.write((writer) => forTenant(writer, tenant.id).finishToolInvocation(invocation.id, finished(outcome, body)), recordOnly);
      return body;
    },
  };
}

export type ToolsService = ReturnType<typeof toolsService>;
