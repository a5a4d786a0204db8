import { createHash, randomBytes } from "node:crypto";
import { findSecretKeyByHash, forTenant, randomId, type Reader, type Tenant, type Writer } from "@frontdesk/db";

/** Keys are 32 random bytes, so a plain SHA-256 is a safe way to store them: there is nothing to brute-force. */
export function hashOf(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Makes a new secret key for a tenant, in the write `writer` belongs to; the plain key is returned once and never stored. */
export async function issueSecretKey(writer: Writer, tenantId: string): Promise<string> {
  const key = `sk_${randomBytes(32).toString("base64url")}`;
  await forTenant(writer, tenantId).addSecretKey({ id: randomId("key"), hash: hashOf(key), prefix: key.slice(0, 10) });
  return key;
}

/** The unrevoked secret key, by id, and the tenant it belongs to; undefined for an unknown or revoked key. */
export function secretKeyOf(db: Reader, key: string): Promise<{ keyId: string; tenant: Tenant } | undefined> {
  return findSecretKeyByHash(db, hashOf(key));
}
