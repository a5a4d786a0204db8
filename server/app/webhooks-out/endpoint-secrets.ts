import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** A new signing secret in the Standard Webhooks form: `whsec_` and 24 random bytes in base64. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/**
 * Endpoint secrets at rest: the server must read them to sign, so they cannot be hashed; they are sealed with
 * AES-256-GCM under a key derived (HKDF) from the server's signing secret, so a copy of the database alone does not
 * hold them. Changing FRONTDESK_SECRET makes the stored ones unreadable: rotate each endpoint's secret then.
 */
export function endpointSecrets(serverSecret: string, purpose = "webhook endpoint secrets v1") {
  const key = Buffer.from(hkdfSync("sha256", serverSecret, "frontdesk", purpose, 32));
  return {
    seal(secret: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url")}`;
    },
    open(sealed: string): string {
      const bytes = Buffer.from(sealed.replace(/^v1\./, ""), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
      } catch {
        throw new Error(`A sealed secret (${purpose}) cannot be read with the server's current FRONTDESK_SECRET: set it again.`);
      }
    },
  };
}

export type EndpointSecrets = ReturnType<typeof endpointSecrets>;
