import { definePlugin } from "nitro";
import { securityHeaders } from "../app/http/security-headers";
import { settings } from "../app/settings";

// On the finished response, so assets, API answers, errors and 304s all carry them.
export default definePlugin((nitroApp) => {
  nitroApp.hooks.hook("response", (response, event) => {
    for (const [name, value] of Object.entries(securityHeaders(event.req, settings().publicUrl))) response.headers.set(name, value);
  });
});
