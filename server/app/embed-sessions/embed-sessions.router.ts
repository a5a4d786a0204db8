import { acknowledgedOutput, createEmbedSessionInput, currentEmbedSessionOutput, embedSessionCreatedOutput, revokeEmbedSessionInput } from "@frontdesk/core";
import { acknowledged, embedSessionProcedure, secretKeyProcedure } from "../auth/procedures";
import { router } from "../trpc";

const minter = secretKeyProcedure("sessions:write");

/** Embed sessions: minted and revoked by a SaaS vendor's server with its secret key; `current` is the browser's. */
export const embedSessionsRouter = router({
  create: minter
    .input(createEmbedSessionInput)
    .output(embedSessionCreatedOutput)
    .mutation(({ ctx, input }) => ctx.app.embedSessions.create(ctx.tenant, ctx.principal.keyId, input)),

  revoke: minter
    .input(revokeEmbedSessionInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.embedSessions.revoke(ctx.tenant.id, input.id))),

  /** The session the browser holds: when it lapses, which widgets and role it has. */
  current: embedSessionProcedure.output(currentEmbedSessionOutput).query(({ ctx }) => {
    const { sessionId: id, expiresAt, widgets, role, staffId, scopes } = ctx.principal;
    return { id, expiresAt: new Date(expiresAt).toISOString(), widgets: [...widgets], role, staffId, scopes: [...scopes] };
  }),
});
