import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { secretKeys, type DrizzleDb, type Db, randomId } from "@frontdesk/db";

/** Keys are 32 random bytes, so a plain SHA-256 is a safe way to store them: there is nothing to brute-force. */
function hashOf(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Makes a new secret key for a tenant; the plain key is returned once and never stored. Call inside `db.write`. */
export async function issueSecretKey(orm: DrizzleDb, tenantId: string): Promise<string> {
  const key = `sk_${randomBytes(32).toString("base64url")}`;
  await orm.insert(secretKeys).values({ tenantId, id: randomId("key"), hash: hashOf(key), prefix: key.slice(0, 10) });
  return key;
}

/** The tenant a secret key belongs to, or undefined for an unknown or revoked key. */
export async function tenantOfSecretKey(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.orm
    .select({ tenantId: secretKeys.tenantId })
    .from(secretKeys)
    .where(and(eq(secretKeys.hash, hashOf(key)), isNull(secretKeys.revokedAt)));
  return row?.tenantId;
}
