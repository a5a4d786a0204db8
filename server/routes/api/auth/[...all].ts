import { defineHandler } from "nitro";
import { useApp } from "../../../app/context";

// The accounts API (sign-up, sign-in, sessions, two-factor, passkeys, password reset): docs/accounts.md.
export default defineHandler(async (event) => {
  const app = await useApp();
  const request = event.req as Request & { ip?: string };
  const forwardedFor = request.headers.get("x-forwarded-for");
  return app.accounts.handle(request, app.clientOf(request.ip, forwardedFor), app.audit.callerOf(request.ip, forwardedFor, request.headers.get("user-agent")));
});
