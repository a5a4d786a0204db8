import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseTokenKeys, tokenSeal } from "../app/calendar-sync/token-seal";

describe("calendar tokens sealed at rest (CALENDAR_TOKEN_KEYS)", () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it("opens what it sealed, and the sealed value shows nothing of the token", () => {
    const seal = tokenSeal({ keys: [oldKey] });
    const sealed = seal.seal("ya29.a-token-of-google");
    expect(sealed).toMatch(/^t1\.[\w-]{8}\./);
    expect(sealed).not.toContain("ya29");
    expect(seal.open(sealed)).toBe("ya29.a-token-of-google");
    expect(seal.seal("same")).not.toBe(seal.seal("same"));
  });

  it("rotates: a value sealed under the old key opens while the old key is listed second, and is not current", () => {
    const before = tokenSeal({ keys: [oldKey] }).seal("refresh-token");
    const rotated = tokenSeal({ keys: [newKey, oldKey] });
    expect(rotated.open(before)).toBe("refresh-token");
    expect(rotated.isCurrent(before)).toBe(false);
    const resealed = rotated.seal(rotated.open(before));
    expect(rotated.isCurrent(resealed)).toBe(true);
    // Once the old key is dropped, only what was sealed again opens.
    const after = tokenSeal({ keys: [newKey] });
    expect(after.open(resealed)).toBe("refresh-token");
    expect(() => after.open(before)).toThrow(/no longer in CALENDAR_TOKEN_KEYS/);
  });

  it("refuses a damaged value, and keys that are not 32 bytes", () => {
    const seal = tokenSeal({ keys: [oldKey] });
    const sealed = seal.seal("token");
    const damaged = `${sealed.slice(0, -2)}${sealed.endsWith("AA") ? "BB" : "AA"}`;
    expect(() => seal.open(damaged)).toThrow();
    expect(parseTokenKeys(`${oldKey.toString("base64")}, ${newKey.toString("hex")}`)).toEqual([oldKey, newKey]);
    expect(() => parseTokenKeys(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });

  it("derives a key from the server's secret when none is set, the same on every start", () => {
    const sealed = tokenSeal({ serverSecret: "a-server-secret" }).seal("token");
    expect(tokenSeal({ serverSecret: "a-server-secret" }).open(sealed)).toBe("token");
    expect(() => tokenSeal({ serverSecret: "another-secret" }).open(sealed)).toThrow();
  });
});
