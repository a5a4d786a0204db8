import { randomBytes } from "node:crypto";
import {
  embedSessionScopes,
  embedSessionTtl,
  FrontdeskError,
  maxLiveEmbedSessions,
  type CreateEmbedSessionInput,
  type EmbedSessionCreated,
} from "@frontdesk/core";
import { findEmbedSessionByHash, forTenant, randomId, type Db, type EmbedSession as EmbedSessionRow, type Tenant } from "@frontdesk/db";
import { hashOf } from "../auth/secret-keys";

/** Lapsed sessions are kept this long, so that a browser still holding one hears EMBED_SESSION_EXPIRED, not UNKNOWN_EMBED_SESSION. */
const keptAfterExpiryMs = 24 * 60 * 60 * 1000;

/** A session as the principal that resolves from it sees it. */
export interface OpenedEmbedSession {
  session: EmbedSessionRow;
  tenant: Tenant;
}

/** Embed sessions: minted by a vendor's server with its secret key, opened by the browser's client secret on every call. */
export function embedSessionService({ db, now }: { db: Db; now: () => number }) {
  return {
    /** A new session for the tenant; the plain client secret is returned once and never stored. */
    async create(tenant: Tenant, createdByKeyId: string, input: CreateEmbedSessionInput): Promise<EmbedSessionCreated> {
      const at = now();
      const clientSecret = `es_${randomBytes(32).toString("base64url")}`;
      const id = randomId("es");
      const expiresAt = at + (input.ttlSeconds ?? embedSessionTtl.defaultSeconds) * 1000;
      await db.write(async (writer) => {
        const scope = forTenant(writer, tenant.id);
        if (input.staffId && (await scope.missingIds("staff", [input.staffId])).length > 0) {
          throw new FrontdeskError("UNKNOWN_STAFF", "There is no staff member with that id at this business.", { field: "staffId" });
        }
        if ((await scope.liveEmbedSessionCount(at)) >= maxLiveEmbedSessions) {
          const firstLapse = (await scope.firstLiveEmbedSessionExpiry(at)) ?? at;
          throw new FrontdeskError(
            "TOO_MANY_EMBED_SESSIONS",
            `This business has ${maxLiveEmbedSessions} live embed sessions. Revoke the ones no longer in use, or wait until one lapses.`,
            { retryAfterSeconds: Math.max(1, Math.ceil((firstLapse - at) / 1000)) },
          );
        }
        await scope.pruneEmbedSessions(at - keptAfterExpiryMs);
        await scope.addEmbedSession({
          id,
          secretHash: hashOf(clientSecret),
          widgets: [...new Set(input.widgets)],
          role: input.role,
          staffId: input.staffId ?? null,
          scopes: embedSessionScopes(input.role, input.widgets),
          origins: input.origins ?? null,
          createdByKeyId,
          createdAt: at,
          expiresAt,
        });
      });
      return { id, clientSecret, expiresAt: new Date(expiresAt).toISOString() };
    },

    /** Ends a session at once: its next call answers UNKNOWN_EMBED_SESSION. */
    async revoke(tenantId: string, id: string): Promise<void> {
      const revoked = await db.write((writer) => forTenant(writer, tenantId).revokeEmbedSession(id, now()));
      if (!revoked) throw new FrontdeskError("NOT_FOUND", "There is no live embed session with that id at this business.", { field: "id" });
    },

    /** The session a browser's client secret names, if it is live and used from an origin it allows. */
    async open(clientSecret: string, origin: string | null): Promise<OpenedEmbedSession> {
      const found = await findEmbedSessionByHash(db, hashOf(clientSecret));
      if (!found || found.session.revokedAt !== null) {
        throw new FrontdeskError("UNKNOWN_EMBED_SESSION", "This embed session is unknown or was revoked. Mint a new one on your server.", { field: "session" });
      }
      if (found.session.expiresAt <= now()) {
        throw new FrontdeskError("EMBED_SESSION_EXPIRED", "This embed session has expired. Fetch a new client secret from your server and try again.", {
          field: "session",
        });
      }
      const origins = found.session.origins;
      if (origin && origins && !origins.includes(origin)) {
        throw new FrontdeskError("ORIGIN_NOT_ALLOWED", `This embed session may not be used on ${origin}. Mint it with this origin among its origins.`, {
          field: "origin",
        });
      }
      return found;
    },
  };
}

export type EmbedSessionService = ReturnType<typeof embedSessionService>;
