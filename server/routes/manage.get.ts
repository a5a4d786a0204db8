import { defineHandler } from "nitro";
import { managePagePolicy, ownPageHeaders } from "../app/http/security-headers";

// The page a manage link opens when the business has not put <fd-booking-manage> on its own site.
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Your appointment</title>
    <style>body { margin: 0; padding: 16px; font-family: system-ui, sans-serif; background: #f5f6f8; } fd-booking-manage { max-width: 640px; margin: 0 auto; }</style>
    <script src="/embed.js" async></script>
  </head>
  <body>
    <fd-booking-manage></fd-booking-manage>
  </body>
</html>`;

const headers = ownPageHeaders(managePagePolicy);

export default defineHandler(() => new Response(page, { headers }));
