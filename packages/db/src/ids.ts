import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

/** A random, prefixed id such as `apt_3k9x…`: the prefix says what it names in logs and URLs. */
export function randomId(prefix: string, length = 20): string {
  let id = "";
  for (const byte of randomBytes(length)) id += alphabet[byte & 31];
  return `${prefix}_${id}`;
}
