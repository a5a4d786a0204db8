import { outboxOutput } from "@frontdesk/core";
import { businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

/** Sandbox businesses only: the messages that would have been sent, to the business's own server. */
export const sandboxRouter = router({
  outbox: businessProcedure("outbox:read")
    .meta(rest("GET", "/sandbox/outbox", "sandbox", "getOutbox", "The messages a sandbox business would have sent, newest first"))
    .output(outboxOutput).query(({ ctx }) => ctx.app.sandbox.outbox(ctx.tenant)),
});
