import { and, asc, eq, isNull } from "drizzle-orm";
import type { ApiScope } from "@frontdesk/core";
import { ormOf, type DrizzleDb, type Reader } from "../client";
import { publishableKeys, secretKeys, tenants } from "../schema/tenants";

export type PublishableKey = typeof publishableKeys.$inferSelect;
export type Tenant = typeof tenants.$inferSelect;
/** A secret key as its business sees it in a list: never its hash. */
export type SecretKeyListing = Omit<typeof secretKeys.$inferSelect, "hash" | "tenantId">;
/** What a request's secret key stands for once found: the key's id and scopes, and its business. */
export interface FoundSecretKey {
  key: { id: string; prefix: string; scopes: ApiScope[] | null; lastUsedAt: number | null };
  tenant: Tenant;
}

/** One tenant's publishable and secret keys: reads. */
export function keyReads(orm: DrizzleDb, tenantId: string) {
  return {
    publishableKeys(): Promise<PublishableKey[]> {
      return orm.select().from(publishableKeys).where(eq(publishableKeys.tenantId, tenantId));
    },

    secretKeys(): Promise<SecretKeyListing[]> {
      return orm
        .select({
          id: secretKeys.id,
          prefix: secretKeys.prefix,
          name: secretKeys.name,
          scopes: secretKeys.scopes,
          lastUsedAt: secretKeys.lastUsedAt,
          revokedAt: secretKeys.revokedAt,
          createdAt: secretKeys.createdAt,
        })
        .from(secretKeys)
        .where(eq(secretKeys.tenantId, tenantId))
        .orderBy(asc(secretKeys.createdAt), asc(secretKeys.id));
    },
  };
}

/** One tenant's publishable and secret keys: writes, only on a Writer's scope. */
export function keyWrites(orm: DrizzleDb, tenantId: string) {
  return {
    async addPublishableKey(key: string, allowedOrigins: string[], at: number) {
      await orm.insert(publishableKeys).values({ tenantId, key, allowedOrigins, createdAt: at });
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
    async addSecretKey(key: { id: string; hash: string; prefix: string; name?: string; scopes?: ApiScope[] | null; createdAt?: number }) {
      await orm.insert(secretKeys).values({ ...key, tenantId });
    },

    /** False if the tenant has no such key, or it was already revoked. */
    async revokeSecretKey(id: string, at: number): Promise<boolean> {
      const rows = await orm
        .update(secretKeys)
        .set({ revokedAt: at })
        .where(and(eq(secretKeys.tenantId, tenantId), eq(secretKeys.id, id), isNull(secretKeys.revokedAt)))
        .returning({ id: secretKeys.id });
      return rows.length > 0;
    },

    async markSecretKeyUsed(id: string, at: number): Promise<void> {
      await orm.update(secretKeys).set({ lastUsedAt: at }).where(and(eq(secretKeys.tenantId, tenantId), eq(secretKeys.id, id)));
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

/** The unrevoked secret key with this hash and its tenant, or undefined. */
export async function findSecretKeyByHash(db: Reader, hash: string): Promise<FoundSecretKey | undefined> {
  const [row] = await ormOf(db)
    .select({ key: { id: secretKeys.id, prefix: secretKeys.prefix, scopes: secretKeys.scopes, lastUsedAt: secretKeys.lastUsedAt }, tenant: tenants })
    .from(secretKeys)
    .innerJoin(tenants, eq(tenants.id, secretKeys.tenantId))
    .where(and(eq(secretKeys.hash, hash), isNull(secretKeys.revokedAt)));
  return row;
}
