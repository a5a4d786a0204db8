import { and, asc, count, eq, gt, isNull, lt } from "drizzle-orm";
import { ormOf, type DrizzleDb, type Reader } from "../client";
import { embedSessions } from "../schema/embed-sessions";
import { tenants } from "../schema/tenants";
import type { Tenant } from "./keys";

export type EmbedSession = typeof embedSessions.$inferSelect;
export type NewEmbedSession = Omit<typeof embedSessions.$inferInsert, "tenantId" | "revokedAt">;

/** One tenant's embed sessions: reads. */
export function embedSessionReads(orm: DrizzleDb, tenantId: string) {
  const own = eq(embedSessions.tenantId, tenantId);
  const live = (at: number) => and(own, isNull(embedSessions.revokedAt), gt(embedSessions.expiresAt, at));
  return {
    async liveEmbedSessionCount(at: number): Promise<number> {
      const [row] = await orm.select({ live: count() }).from(embedSessions).where(live(at));
      return row?.live ?? 0;
    },

    /** When the live session that lapses first does, or undefined with none live. */
    async firstLiveEmbedSessionExpiry(at: number): Promise<number | undefined> {
      const [row] = await orm.select({ expiresAt: embedSessions.expiresAt }).from(embedSessions).where(live(at)).orderBy(asc(embedSessions.expiresAt)).limit(1);
      return row?.expiresAt;
    },
  };
}

/** One tenant's embed sessions: writes, only on a Writer's scope. */
export function embedSessionWrites(orm: DrizzleDb, tenantId: string) {
  const own = eq(embedSessions.tenantId, tenantId);
  return {
    async addEmbedSession(session: NewEmbedSession): Promise<void> {
      await orm.insert(embedSessions).values({ ...session, tenantId });
    },

    /** False if the tenant has no such session, or it was revoked already. */
    async revokeEmbedSession(id: string, at: number): Promise<boolean> {
      const rows = await orm
        .update(embedSessions)
        .set({ revokedAt: at })
        .where(and(own, eq(embedSessions.id, id), isNull(embedSessions.revokedAt)))
        .returning({ id: embedSessions.id });
      return rows.length > 0;
    },

    /** Deletes the sessions that lapsed before `before`: kept until then so that their holders hear "expired", not "unknown". */
    async pruneEmbedSessions(before: number): Promise<void> {
      await orm.delete(embedSessions).where(and(own, lt(embedSessions.expiresAt, before)));
    },
  };
}

/** The session whose client secret has this hash, with its tenant, or undefined: the secret names the tenant. Revoked ones too. */
export async function findEmbedSessionByHash(db: Reader, secretHash: string): Promise<{ session: EmbedSession; tenant: Tenant } | undefined> {
  const [row] = await ormOf(db)
    .select({ session: embedSessions, tenant: tenants })
    .from(embedSessions)
    .innerJoin(tenants, eq(tenants.id, embedSessions.tenantId))
    .where(eq(embedSessions.secretHash, secretHash));
  return row;
}
