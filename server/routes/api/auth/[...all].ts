import { defineHandler } from "nitro";
import { useApp } from "../../../app/context";

// The accounts API (sign-up, sign-in, sessions, two-factor, passkeys, password reset): docs/accounts.md.
export default defineHandler(async (event) => {
  const app = await useApp();
  const request = event.req as Request & { ip?: string };
  const forwardedFor = request.headers.get("x-forwarded-for");
  // Pages on a trusted origin (FRONTDESK_TRUSTED_ORIGINS) may call it with the cookie, e.g. an <fd-sign-in> on the business's site.
  const origin = request.headers.get("origin");
  const cors = origin && app.accounts.trustsOrigin(origin) ? corsHeaders(origin) : undefined;
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors ? { ...cors, ...preflight } : {} });
  const answer = await app.accounts.handle(request, app.clientOf(request.ip, forwardedFor), app.audit.callerOf(request.ip, forwardedFor, request.headers.get("user-agent")));
  if (!cors) return answer;
  const response = new Response(answer.body, answer);
  for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
  return response;
});

const preflight = { "access-control-allow-methods": "GET, POST, OPTIONS", "access-control-allow-headers": "content-type", "access-control-max-age": "600" };

function corsHeaders(origin: string): Record<string, string> {
  return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
}
