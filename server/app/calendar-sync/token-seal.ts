import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/** What `CALENDAR_TOKEN_KEYS` must hold: keys of 32 bytes, in base64 or hex, separated by commas; the first one seals. */
export function parseTokenKeys(value: string): Buffer[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const key = /^[0-9a-f]{64}$/i.test(entry) ? Buffer.from(entry, "hex") : Buffer.from(entry, "base64");
      if (key.length !== 32) throw new Error("Each key must be 32 bytes, written in base64 (44 characters) or hex (64).");
      return key;
    });
}

/** A key's name in what it sealed: the start of its SHA-256, so that a key is found without trying each. */
const idOf = (key: Buffer) => createHash("sha256").update(key).digest("base64url").slice(0, 8);

/**
 * Calendar tokens at rest: AES-256-GCM under the first of `keys`, each sealed value naming its key (`t1.<key id>.…`),
 * so that any key still listed opens what it sealed. Rotation: put a new key first and keep the old ones after it;
 * `isCurrent` tells which values to seal again, and once none is left the old keys can go. Without keys of its own,
 * one is derived (HKDF) from the server's secret.
 */
export function tokenSeal(options: { keys: Buffer[] } | { serverSecret: string }) {
  const keys = "keys" in options ? options.keys : [Buffer.from(hkdfSync("sha256", options.serverSecret, "frontdesk", "calendar tokens v1", 32))];
  if (keys.length === 0) throw new Error("Calendar tokens need at least one key.");
  const byId = new Map(keys.map((key) => [idOf(key), key]));
  const currentId = idOf(keys[0]!);
  const aad = Buffer.from("frontdesk calendar token");

  return {
    seal(secret: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keys[0]!, iv).setAAD(aad);
      const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
      return `t1.${currentId}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url")}`;
    },

    open(sealed: string): string {
      const [version, keyId, body] = sealed.split(".");
      const key = version === "t1" && keyId ? byId.get(keyId) : undefined;
      if (!key || !body) throw new Error("A calendar token was sealed with a key that is no longer in CALENDAR_TOKEN_KEYS: put it back, or reconnect the calendar.");
      const bytes = Buffer.from(body, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12)).setAAD(aad);
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
    },

    /** Whether a sealed value is under the current key (else it is sealed again at the next chance). */
    isCurrent: (sealed: string) => sealed.startsWith(`t1.${currentId}.`),
  };
}

export type TokenSeal = ReturnType<typeof tokenSeal>;
