import { defineHandler } from "nitro";
import { backOfficePolicy, ownPageHeaders } from "../app/http/security-headers";

// The back office (docs/accounts.md): signing in, creating or joining a business, the account, and the business's tools.
// The approvals, call log, team, calendars, set-up, keys, numbers and agents elements sit in the page already: embed.js loads each one once it is published in its table.
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Frontdesk back office</title>
    <style>body { margin: 0; padding: 16px; font-family: system-ui, sans-serif; background: #f5f6f8; }</style>
    <script src="/embed.js" async></script>
  </head>
  <body>
    <main>
      <fd-back-office>
        <fd-approvals slot="approvals"></fd-approvals>
        <fd-call-log slot="calls"></fd-call-log>
        <fd-team slot="team"></fd-team>
        <fd-calendar-connections slot="calendars"></fd-calendar-connections>
        <fd-business-setup slot="setup"></fd-business-setup>
        <fd-api-keys slot="keys"></fd-api-keys>
        <fd-phone-numbers slot="numbers"></fd-phone-numbers>
        <fd-agents slot="agents"></fd-agents>
      </fd-back-office>
    </main>
  </body>
</html>`;

const headers = ownPageHeaders(backOfficePolicy);

export default defineHandler(() => new Response(page, { headers }));
