import { and, eq, isNull } from "drizzle-orm";
import { ormOf, type DrizzleDb, type Reader } from "../client";
import { publishableKeys, secretKeys, tenants } from "../schema/tenants";

export type PublishableKey = typeof publishableKeys.$inferSelect;
export type Tenant = typeof tenants.$inferSelect;

/** One tenant's publishable and secret keys: reads. */
export function keyReads(orm: DrizzleDb, tenantId: string) {
  return {
    publishableKeys(): Promise<PublishableKey[]> {
      return orm.select().from(publishableKeys).where(eq(publishableKeys.tenantId, tenantId));
    },
  };
}

/** One tenant's publishable and secret keys: writes, only on a Writer's scope. */
export function keyWrites(orm: DrizzleDb, tenantId: string) {
  return {
    async addPublishableKey(key: string, allowedOrigins: string[]) {
      await orm.insert(publishableKeys).values({ tenantId, key, allowedOrigins });
    },

    /** False if the tenant has no such key. */
    async revokePublishableKey(key: string, at: number): Promise<boolean> {
      const rows = await orm
        .update(publishableKeys)
        .set({ revokedAt: at })
        .where(and(eq(publishableKeys.tenantId, tenantId), eq(publishableKeys.key, key)))
        .returning({ key: publishableKeys.key });
      return rows.length > 0;
    },

    /** Stores a secret key by its hash; the key itself is never stored. */
    async addSecretKey(key: { id: string; hash: string; prefix: string }) {
      await orm.insert(secretKeys).values({ ...key, tenantId });
    },
  };
}

/** The publishable key row and its tenant, or undefined for an unknown or revoked key: the key names the tenant. */
export async function findPublishableKey(db: Reader, key: string): Promise<{ key: PublishableKey; tenant: Tenant } | undefined> {
  const [row] = await ormOf(db)
    .select({ key: publishableKeys, tenant: tenants })
    .from(publishableKeys)
    .innerJoin(tenants, eq(tenants.id, publishableKeys.tenantId))
    .where(and(eq(publishableKeys.key, key), isNull(publishableKeys.revokedAt)));
  return row;
}

/** The unrevoked secret key with this hash, by id, with its tenant; or undefined. */
export async function findSecretKeyByHash(db: Reader, hash: string): Promise<{ keyId: string; tenant: Tenant } | undefined> {
  const [row] = await ormOf(db)
    .select({ keyId: secretKeys.id, tenant: tenants })
    .from(secretKeys)
    .innerJoin(tenants, eq(tenants.id, secretKeys.tenantId))
    .where(and(eq(secretKeys.hash, hash), isNull(secretKeys.revokedAt)));
  return row;
}
