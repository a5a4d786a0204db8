import { z } from "zod";
import { singleLineText } from "../text";
import { idSchema } from "./common";
import { apiScopeSchema } from "./principals";

/** A new secret key: what it is for, and what it may do (no more than the key or person making it may). */
export const createSecretKeyInput = z.object({
  name: singleLineText().max(120, "Use at most 120 characters.").default(""),
  scopes: z
    .array(apiScopeSchema)
    .min(1, "Give the key at least one scope.")
    .transform((scopes) => [...new Set(scopes)]),
});

export const revokeSecretKeyInput = z.object({ id: idSchema });

/** A secret key as listed: never the key itself, which is shown once when it is made. */
export const secretKeyOutput = z
  .object({
    id: z.string(),
    /** The key's first characters, to tell keys apart. */
    prefix: z.string(),
    name: z.string(),
    /** What the key may do; null for a key made before scopes existed, which may do everything. */
    scopes: z.array(apiScopeSchema).nullable(),
    createdAt: z.string(),
    /** Recorded at most about once a minute. */
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "SecretKey" });

/** A key just made: the plain `sk_…` value is in this answer and nowhere else, ever. */
export const createdSecretKeyOutput = secretKeyOutput.extend({ key: z.string() }).meta({ id: "CreatedSecretKey" });

export const keysOutput = z
  .object({
    secretKeys: z.array(secretKeyOutput),
    publishableKeys: z.array(
      z.object({ key: z.string(), allowedOrigins: z.array(z.string()), createdAt: z.string(), revokedAt: z.string().nullable() }).meta({ id: "PublishableKey" }),
    ),
  })
  .meta({ id: "Keys" });
export type KeysListing = z.infer<typeof keysOutput>;
