import { acknowledgedOutput, connectionIdInput, connectionOutput, connectionsOutput, retellConnectionInput, twilioConnectionInput } from "@frontdesk/core";
import { acknowledged, businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("agents:read");
const writer = businessProcedure("agents:write");

/** The business's own Retell and Twilio accounts. Their keys go in and are never shown again. */
export const connectionsRouter = router({
  list: reader
    .meta(rest("GET", "/connections", "connections", "listConnections", "The business's own provider accounts", "Never their keys. Without one, the server's account (or the sandbox) is used."))
    .output(connectionsOutput)
    .query(({ ctx }) => ctx.app.connections.list(ctx.tenant)),

  connectRetell: writer
    .meta(rest("POST", "/connections/retell", "connections", "connectRetell", "Connect the business's own Retell account", "Replaces its earlier keys, then tests them: the answer's status says whether they work."))
    .input(retellConnectionInput)
    .output(connectionOutput)
    .mutation(({ ctx, input }) => ctx.app.connections.connect(ctx.tenant, { provider: "retell", ...input })),

  connectTwilio: writer
    .meta(rest("POST", "/connections/twilio", "connections", "connectTwilio", "Connect the business's own Twilio account", "Replaces its earlier keys, then tests them with one read."))
    .input(twilioConnectionInput)
    .output(connectionOutput)
    .mutation(({ ctx, input }) => ctx.app.connections.connect(ctx.tenant, { provider: "twilio", ...input })),

  test: writer
    .meta(rest("POST", "/connections/{connectionId}/test", "connections", "testConnection", "Check a connection's keys with one read at the provider"))
    .input(connectionIdInput)
    .output(connectionOutput)
    .mutation(({ ctx, input }) => ctx.app.connections.test(ctx.tenant, input.connectionId)),

  remove: writer
    .meta(rest("DELETE", "/connections/{connectionId}", "connections", "removeConnection", "Forget a connection", "Refused while agents or numbers use it."))
    .input(connectionIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.connections.remove(ctx.tenant, input.connectionId))),
});
