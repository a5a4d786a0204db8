import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiScopes } from "@frontdesk/core";
import { credentialsOf, principalsOf } from "../app/auth/principal";
import { issueSecretKey, lastUsedResolutionMs } from "../app/auth/secret-keys";
import { startTestApp, type TestApp } from "../testing/app-harness";

describe("a secret key's last use", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const lastUsed = async (id: string) => (await t.app.keys.list(t.tenantId)).secretKeys.find((key) => key.id === id)!.lastUsedAt;
  // The use is recorded behind the call, in the process's one write queue: a later write waits for it.
  const writesSettled = () => t.db.write(async () => undefined);

  it("is recorded on first use, then at most once a minute however often it is used", async () => {
    const made = await t.app.keys.createSecretKey(t.tenantId, { name: "", scopes: ["config:read"] }, apiScopes);
    const used = async () => {
      expect(await t.app.secretKeys.find(made.key)).toMatchObject({ key: { id: made.id }, tenant: { id: t.tenantId } });
      await writesSettled();
    };
    await used();
    const first = t.clock.now();
    expect(await lastUsed(made.id)).toBe(new Date(first).toISOString());
    const writes = t.db.writes;
    for (let i = 0; i < 5; i++) {
      t.clock.advance(lastUsedResolutionMs / 10);
      await used();
    }
    expect(t.db.writes - writes).toBe(5);
    expect(await lastUsed(made.id)).toBe(new Date(first).toISOString());
    t.clock.advance(lastUsedResolutionMs);
    await used();
    expect(await lastUsed(made.id)).toBe(new Date(t.clock.now()).toISOString());
  });

  it("is judged by the row too, so a second process does not record it again within the minute", async () => {
    const made = await t.app.keys.createSecretKey(t.tenantId, { name: "", scopes: ["config:read"] }, apiScopes);
    await t.app.secretKeys.find(made.key);
    await writesSettled();
    const { createApp } = await import("../app/create-app");
    const other = createApp(t.db, t.clock.now, { secret: "test-signing-secret", publicUrl: "http://frontdesk.test", messenger: null });
    t.clock.advance(1_000);
    const writes = t.db.writes;
    await other.secretKeys.find(made.key);
    await writesSettled();
    expect(t.db.writes - writes).toBe(1);
  });
});

describe("a secret key's scopes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const principalFor = (key: string) => principalsOf(t.app, credentialsOf(new Headers({ authorization: `Bearer ${key}` }))).business();

  it("are the key's own list", async () => {
    const made = await t.app.keys.createSecretKey(t.tenantId, { name: "Reports", scopes: ["bookings:read"] }, apiScopes);
    expect(await principalFor(made.key)).toMatchObject({ kind: "business", keyId: made.id, scopes: ["bookings:read"] });
  });

  it("are every scope for a key made without a list (before scopes existed)", async () => {
    const key = await t.db.write((writer) => issueSecretKey(writer, t.tenantId));
    expect((await principalFor(key)).scopes).toEqual(apiScopes);
    expect((await t.app.keys.list(t.tenantId)).secretKeys.every((listed) => listed.scopes === null)).toBe(true);
  });

  it("are never more than the maker's", async () => {
    const refused = t.app.keys.createSecretKey(t.tenantId, { name: "", scopes: ["bookings:read", "keys:write"] }, ["bookings:read"]);
    await expect(refused).rejects.toMatchObject({ code: "MISSING_SCOPE", field: "scopes" });
    expect((await t.app.keys.list(t.tenantId)).secretKeys.filter((key) => key.scopes !== null)).toEqual([]);
  });
});
