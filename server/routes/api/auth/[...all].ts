import { defineHandler } from "nitro";
import { useApp } from "../../../app/context";

// The accounts API (sign-up, sign-in, sessions, two-factor, passkeys, password reset): docs/accounts.md.
export default defineHandler(async (event) => {
  const app = await useApp();
  const request = event.req as Request & { ip?: string };
  return app.accounts.handle(request, app.clientOf(request.ip, request.headers.get("x-forwarded-for")));
});
