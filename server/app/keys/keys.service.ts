import type { z } from "zod";
import { FrontdeskError, type ApiScope, type createSecretKeyInput, type KeysListing } from "@frontdesk/core";
import { forTenant, randomId, type Db, type SecretKeyListing, type TenantWriteScope } from "@frontdesk/db";
import { mintSecretKey } from "../auth/secret-keys";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function listed(key: SecretKeyListing) {
  return { id: key.id, prefix: key.prefix, name: key.name, scopes: key.scopes, createdAt: new Date(key.createdAt).toISOString(), lastUsedAt: iso(key.lastUsedAt), revokedAt: iso(key.revokedAt) };
}

/**
 * A business's publishable and secret keys. Whoever asks (a secret key today, an owner's session next) is the
 * caller's business: this service only needs the tenant, and for a new secret key the scopes the asker may grant.
 */
export function keysService(db: Db, now: () => number) {
  const writing = <T>(tenantId: string, work: (scope: TenantWriteScope) => Promise<T>) => db.write((writer) => work(forTenant(writer, tenantId)));

  return {
    async list(tenantId: string): Promise<KeysListing> {
      const scope = forTenant(db, tenantId);
      const [secretKeys, publishableKeys] = await Promise.all([scope.secretKeys(), scope.publishableKeys()]);
      return {
        secretKeys: secretKeys.map(listed),
        publishableKeys: publishableKeys.map((key) => ({ key: key.key, allowedOrigins: key.allowedOrigins, createdAt: new Date(key.createdAt).toISOString(), revokedAt: iso(key.revokedAt) })),
      };
    },

    /** A new key with `input.scopes`, each of which must be among `grantable`: no one makes a key that may do more than they may. */
    async createSecretKey(tenantId: string, input: z.output<typeof createSecretKeyInput>, grantable: readonly ApiScope[]) {
      const beyond = input.scopes.filter((scope) => !grantable.includes(scope));
      if (beyond.length > 0) {
        throw new FrontdeskError("MISSING_SCOPE", `You may not give a key ${beyond.join(", ")}: you lack ${beyond.length === 1 ? "that scope" : "those scopes"} yourself.`, {
          field: "scopes",
        });
      }
      const at = now();
      const minted = await db.write((writer) => mintSecretKey(writer, tenantId, { ...input, at }));
      return { id: minted.id, key: minted.key, prefix: minted.prefix, name: input.name, scopes: input.scopes, createdAt: new Date(at).toISOString(), lastUsedAt: null, revokedAt: null };
    },

    async revokeSecretKey(tenantId: string, id: string): Promise<void> {
      if (!(await writing(tenantId, (scope) => scope.revokeSecretKey(id, now())))) {
        throw new FrontdeskError("NOT_FOUND", "This business has no unrevoked secret key with that id.", { field: "id" });
      }
    },

    async createPublishableKey(tenantId: string, allowedOrigins: string[]): Promise<{ key: string }> {
      const key = randomId("pk", 24);
      await writing(tenantId, (scope) => scope.addPublishableKey(key, allowedOrigins, now()));
      return { key };
    },

    async revokePublishableKey(tenantId: string, key: string): Promise<void> {
      if (!(await writing(tenantId, (scope) => scope.revokePublishableKey(key, now())))) {
        throw new FrontdeskError("NOT_FOUND", "This business has no publishable key like that.", { field: "key" });
      }
    },
  };
}

export type KeysService = ReturnType<typeof keysService>;
