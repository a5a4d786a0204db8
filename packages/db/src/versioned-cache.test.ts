import { describe, expect, it } from "vitest";
import { versionedCache } from "./versioned-cache";

function setup(options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const db = { writes: 0 };
  let clock = 1_000;
  const cache = versionedCache<string>(db, { maxEntries: options.maxEntries ?? 10, maxAgeMs: options.maxAgeMs ?? 5_000, now: () => clock });
  return { db, cache, advance: (ms: number) => (clock += ms) };
}

describe("a write-version cache", () => {
  it("keeps at most its bound of entries, dropping the least recently used first", () => {
    const { cache } = setup({ maxEntries: 2 });
    cache.set("a", "A", 0);
    cache.set("b", "B", 0);
    expect(cache.get("a")).toBe("A");
    cache.set("c", "C", 0);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    expect(cache.get("c")).toBe("C");
  });

  it("drops every entry once the database's write version moves", () => {
    const { db, cache } = setup();
    cache.set("a", "A", 0);
    db.writes++;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("never keeps a value read before a write that finished meanwhile", () => {
    const { db, cache } = setup();
    const readAt = db.writes;
    db.writes++;
    cache.set("a", "stale", readAt);
    expect(cache.get("a")).toBeUndefined();
  });

  it("drops an entry once it is older than its time bound, for other processes' writes", () => {
    const { cache, advance } = setup({ maxAgeMs: 5_000 });
    cache.set("a", "A", 0);
    advance(4_999);
    expect(cache.get("a")).toBe("A");
    advance(1);
    expect(cache.get("a")).toBeUndefined();
  });

  it("loads a missing value once for everyone asking at the same write version", async () => {
    const { cache } = setup();
    let loads = 0;
    const load = async () => `value ${++loads}`;
    const [first, second] = await Promise.all([cache.load("a", load), cache.load("a", load)]);
    expect([first, second, await cache.load("a", load)]).toEqual(["value 1", "value 1", "value 1"]);
    expect(loads).toBe(1);
  });

  it("does not hand a load begun before a write to a caller who asks after it", async () => {
    const { db, cache } = setup();
    let release!: () => void;
    const before = cache.load("a", () => new Promise<string>((resolve) => (release = () => resolve("before the write"))));
    db.writes++;
    const after = cache.load("a", async () => "after the write");
    release();
    expect(await before).toBe("before the write");
    expect(await after).toBe("after the write");
    expect(cache.get("a")).toBe("after the write");
  });
});
