import { acknowledgedOutput, createdSecretKeyOutput, createSecretKeyInput, keysOutput, revokeSecretKeyInput } from "@frontdesk/core";
import { acknowledged, businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("keys:read");
const writer = businessProcedure("keys:write");

/** The business's keys. Publishable keys are made and revoked by `config.createPublishableKey` and `config.revokePublishableKey`. */
export const keysRouter = router({
  list: reader
    .meta(rest("GET", "/keys", "keys", "listKeys", "The business's secret and publishable keys", "Secret keys are listed by prefix: their values are shown once, when made."))
    .output(keysOutput)
    .query(({ ctx }) => ctx.app.keys.list(ctx.tenant.id)),

  // A key may only hand on scopes it has itself.
  createSecretKey: writer
    .meta(rest("POST", "/keys/secret", "keys", "createSecretKey", "Make a secret key with the scopes given", "The answer holds the key's value: the only time it is shown. Store it as a secret."))
    .input(createSecretKeyInput)
    .output(createdSecretKeyOutput)
    .mutation(({ ctx, input }) => ctx.app.keys.createSecretKey(ctx.tenant.id, input, ctx.principal.scopes)),

  revokeSecretKey: writer
    .meta(rest("POST", "/keys/secret/{id}/revoke", "keys", "revokeSecretKey", "Revoke a secret key", "Calls with it fail at once, in every server process."))
    .input(revokeSecretKeyInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.keys.revokeSecretKey(ctx.tenant.id, input.id))),
});
