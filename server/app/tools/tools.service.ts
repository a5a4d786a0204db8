import { createHash } from "node:crypto";
import { toolArgs, type AgentConfig, type AgentToolName, type ToolAnswer } from "@frontdesk/core";
import { toE164 } from "@frontdesk/core/phone";
import { forTenant, randomId, type Agent, type ToolInvocation } from "@frontdesk/db";
import type { ToolCall } from "@frontdesk/retell/webhook";
import type { PhoneAgent } from "../auth/principal";
import { setupSnapshots } from "../scheduling/setup-snapshot";
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

/** JSON with object keys sorted at every level: the same arguments hash the same however the model ordered them. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

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

  async function configOf(agent: Agent): Promise<AgentConfig> {
    const published = agent.publishedVersionId ? await forTenant(db, agent.tenantId).agentVersion(agent.publishedVersionId) : undefined;
    // Stored through the schema when saved or published: read as it is.
    return published?.config ?? agent.draftConfig;
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

  return {
    /** Runs `tool` for the agent's call and answers the JSON body to send back (always for HTTP 200). */
    async run(principal: PhoneAgent, agent: Agent, call: ToolCall, tool: AgentToolName): Promise<string> {
      const { tenant } = principal;
      const config = await configOf(agent);
      const language = languageOf(config.language);
      const argsHash = createHash("sha256").update(canonicalJson(call.args)).digest("hex");
      const { invocation, claimed } = await db.write((writer) =>
        forTenant(writer, tenant.id).claimToolInvocation({
          id: randomId("tin"),
          providerCallId: call.providerCallId,
          agentId: agent.id,
          tool,
          argsHash,
          args: call.args,
          startedAt: now(),
        }),
      );
      if (!claimed) return settledAnswer(tenant.id, invocation, language);

      const began = performance.now();
      const speak = speaker(language, tenant.timeZone);
      let result: ToolResult;
      let failed = false;
      const parsed = toolArgs[tool].safeParse(call.args);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "arguments"))];
        result = { answer: answer("INVALID_ARGUMENTS", speak.say("invalidArguments", { fields: fields.join(", ") }), { fields }) };
      } else {
        const context: ToolContext = { tenant, agent, config, call, callerE164: toE164(call.from), invocationId: invocation.id, argsHash, speak };
        try {
          result = await (tools[tool] as (context: ToolContext, args: unknown) => Promise<ToolResult>)(context, parsed.data);
        } catch (error) {
          console.error(`Tool ${tool} failed for agent ${agent.id}:`, error);
          failed = true;
          result = { answer: answer("ERROR", speak.say("error")) };
        }
      }
      const body = answerBody(result.answer);
      await db.write((writer) =>
        forTenant(writer, tenant.id).finishToolInvocation(invocation.id, {
          status: failed ? "failed" : "done",
          answer: body,
          outcomeCode: result.answer.code,
          finishedAt: now(),
          latencyMs: Math.round(performance.now() - began),
          appointmentId: result.appointmentId ?? null,
          approvalId: result.approvalId ?? null,
          messageId: result.messageId ?? null,
        }),
      );
      return body;
    },
  };
}

export type ToolsService = ReturnType<typeof toolsService>;
