import { randomFillSync } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

// Random bytes are drawn from the system a pool at a time, as Node does for `randomUUID`: a call per id cost more
// than making the rest of it. Each byte is used once.
const pool = Buffer.alloc(4096);
let used = pool.length;

/** A random, prefixed id such as `apt_3k9x…`: the prefix says what it names in logs and URLs. */
export function randomId(prefix: string, length = 20): string {
  if (length > pool.length) throw new RangeError(`An id is at most ${pool.length} characters long.`);
  if (used + length > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let id = "";
  for (let i = used; i < used + length; i++) id += alphabet[pool[i]! & 31];
  used += length;
  return `${prefix}_${id}`;
}
