import { createHash, randomBytes } from "node:crypto";
import type { ApiScope } from "@frontdesk/core";
import { findSecretKeyByHash, forTenant, randomId, type Db, type FoundSecretKey, type Writer } from "@frontdesk/db";

/** Keys are 32 random bytes, so a plain SHA-256 is a safe way to store them: there is nothing to brute-force. */
export function hashOf(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** The first characters of a key, stored to tell keys apart: `sk_` and 7 of its 43 random characters. */
export const secretKeyPrefix = (key: string): string => key.slice(0, 10);

export interface MintedSecretKey {
  id: string;
  /** The plain `sk_…` value: returned once, never stored. */
  key: string;
  prefix: string;
}

/** Makes a new secret key for a tenant, in the write `writer` belongs to. Without `scopes` the key may do everything. */
export async function mintSecretKey(writer: Writer, tenantId: string, options: { name?: string; scopes?: ApiScope[]; at?: number } = {}): Promise<MintedSecretKey> {
  const key = `sk_${randomBytes(32).toString("base64url")}`;
  const minted = { id: randomId("key"), key, prefix: secretKeyPrefix(key) };
  await forTenant(writer, tenantId).addSecretKey({ id: minted.id, hash: hashOf(key), prefix: minted.prefix, name: options.name ?? "", scopes: options.scopes ?? null, ...(options.at === undefined ? {} : { createdAt: options.at }) });
  return minted;
}

/** A secret key with every scope (the demo's); the plain key is returned once and never stored. */
export async function issueSecretKey(writer: Writer, tenantId: string): Promise<string> {
  return (await mintSecretKey(writer, tenantId)).key;
}

/** Use is recorded at most this often per key: a hint for the key list, not one write per request. */
export const lastUsedResolutionMs = 60_000;
const maxRemembered = 10_000;

export type SecretKeys = ReturnType<typeof secretKeyLookup>;

/**
 * Secret keys by value, looked up on every call (a revocation holds at once, in every process), recording when
 * each was last used: at most once a minute per key, judged by the row's own time too, so several processes agree.
 */
export function secretKeyLookup(db: Db, now: () => number) {
  const recorded = new Map<string, number>();

  function noteUse({ key, tenant }: FoundSecretKey) {
    const at = now();
    if (at - Math.max(recorded.get(key.id) ?? 0, key.lastUsedAt ?? 0) < lastUsedResolutionMs) return;
    if (recorded.size >= maxRemembered) recorded.clear();
    recorded.set(key.id, at);
    // Not awaited: the call it serves does not wait for a hint to be written.
    db.write((writer) => forTenant(writer, tenant.id).markSecretKeyUsed(key.id, at)).catch((error: unknown) => {
      recorded.delete(key.id);
      console.error("Could not record a secret key's last use:", error);
    });
  }

  return {
    /** The unrevoked key and its tenant, or undefined for an unknown or revoked key. */
    async find(key: string): Promise<FoundSecretKey | undefined> {
      const found = await findSecretKeyByHash(db, hashOf(key));
      if (found) noteUse(found);
      return found;
    },
  };
}
