import { defineHandler, HTTPResponse } from "nitro";
import { agentToolNames, FrontdeskError, type AgentToolName } from "@frontdesk/core";
import { useApp } from "../../../../../../app/context";
import { phoneAgentOf } from "../../../../../../app/auth/phone-agent";
import { limitedText, toolCallBodyLimitBytes } from "../../../../../../app/http/limits";

const json = { "content-type": "application/json" };
// The same body for every refusal, so that nothing tells an unknown agent from a wrong key.
const refusal = (status: number, error: string) => new Response(JSON.stringify({ error }), { status, headers: json });

// A tool call of the phone agent, as Retell's LLM sends it: raw body → signature → agent's tool → 200 with what to say.
export default defineHandler(async (event) => {
  const tool = event.context.params?.tool ?? "";
  if (!(agentToolNames as readonly string[]).includes(tool)) return refusal(404, "unknown_tool");
  const app = await useApp();
  let raw: string;
  try {
    raw = await limitedText(event.req, toolCallBodyLimitBytes);
  } catch {
    return new Response(JSON.stringify({ error: "too_large" }), { status: 413, headers: { ...json, connection: "close" } });
  }
  const checked = await phoneAgentOf(app, event.context.params?.agentId ?? "", raw, event.req.headers);
  if (!checked.ok) return checked.status === 400 ? refusal(400, "not_a_tool_call") : refusal(401, "signature");
  try {
    const client = app.clientOf(undefined, null);
    await client?.rates.take("agentTools", client.idOf(`agent:${checked.agent.id}`));
  } catch (error) {
    if (!(error instanceof FrontdeskError)) throw error;
    return new Response(JSON.stringify({ error: "rate_limited" }), { status: 429, headers: { ...json, "retry-after": String(error.retryAfterSeconds ?? 1) } });
  }
  const answer = await app.tools.run(checked.principal, checked.agent, checked.call, tool as AgentToolName);
  // Not a web Response: the server writes the text as it is, where a Response would wrap it in a stream first.
  return new HTTPResponse(answer, { status: 200, headers: json });
});
