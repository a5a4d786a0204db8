import { acknowledgedOutput, createEmbedSessionInput, currentEmbedSessionOutput, embedSessionCreatedOutput, revokeEmbedSessionInput } from "@frontdesk/core";
import { acknowledged, embedSessionProcedure, secretKeyProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const minter = secretKeyProcedure("sessions:write");

/** Embed sessions: minted and revoked by a SaaS vendor's server with its secret key; `current` is the browser's. */
export const embedSessionsRouter = router({
  create: minter
    .meta(rest("POST", "/embed-sessions", "embedSessions", "createEmbedSession", "Mint an embed session", "A short-lived client secret for your front end's <fd-provider>, for one business, role and set of widgets. Secret keys only."))
    .input(createEmbedSessionInput)
    .output(embedSessionCreatedOutput)
    .mutation(({ ctx, input }) => ctx.app.embedSessions.create(ctx.tenant, ctx.principal.keyId, input)),

  revoke: minter
    .meta(rest("POST", "/embed-sessions/{id}/revoke", "embedSessions", "revokeEmbedSession", "End an embed session at once"))
    .input(revokeEmbedSessionInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.embedSessions.revoke(ctx.tenant.id, input.id))),

  /** The session the browser holds: when it lapses, which widgets and role it has. */
  current: embedSessionProcedure.output(currentEmbedSessionOutput).query(({ ctx }) => {
    const { sessionId: id, expiresAt, widgets, role, staffId, scopes } = ctx.principal;
    return { id, expiresAt: new Date(expiresAt).toISOString(), widgets: [...widgets], role, staffId, scopes: [...scopes] };
  }),
});
