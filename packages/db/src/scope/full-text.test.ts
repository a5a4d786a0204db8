import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, type Db } from "../client";
import { sqlClientOf } from "../testing";
import { fullTextQuery, tenantToken } from "./full-text";
import { createTenant } from "./tenants";
import { forTenant } from "./tenant-scope";

const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));
const at = Date.parse("2030-01-07T10:00:00Z");
let dir: string;
let db: Db;

async function addCall(tenantId: string, id: string, text: string) {
  await db.write(async (writer) => {
    const scope = forTenant(writer, tenantId);
    await scope.saveCall({ id, providerCallId: `call_${id}`, direction: "inbound", fromE164: "+14155550142", toE164: "+14155550100", status: "ended", startedAt: at, createdAt: at, updatedAt: at });
    await scope.saveTranscript(id, [], text, at);
  });
}

const found = async (tenantId: string, search: string) => (await forTenant(db, tenantId).callPage({ search, limit: 10 })).items.map((call) => call.id);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "frontdesk-fts-"));
  db = await openDb(`file:${join(dir, "frontdesk.db")}`);
  await migrateDb(db, migrationsFolder);
  for (const id of ["ten_a", "ten_b"]) await db.write((writer) => createTenant(writer, { tenant: { id, name: id, timeZone: "UTC" } }));
  await addCall("ten_a", "cal_1", "Caller: Quiero una limpieza mañana por la mañana.\nAgent: ¿A qué hora?");
  await addCall("ten_a", "cal_2", "Caller: I need to reschedule my cleaning.\nAgent: Sure.");
  await addCall("ten_b", "cal_3", "Caller: Una limpieza mañana, por favor.");
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("transcript search", () => {
  it("finds words whatever their accents, in the business's own calls alone", async () => {
    expect(await found("ten_a", "manana")).toEqual(["cal_1"]);
    expect(await found("ten_a", "MAÑANA limpieza")).toEqual(["cal_1"]);
    expect(await found("ten_b", "manana")).toEqual(["cal_3"]);
    expect(await found("ten_a", "cleaning")).toEqual(["cal_2"]);
  });

  it("needs every word typed", async () => {
    expect(await found("ten_a", "limpieza reschedule")).toEqual([]);
  });

  it("marks the words found in a snippet", async () => {
    const [call] = (await forTenant(db, "ten_a").callPage({ search: "limpieza", limit: 10 })).items;
    expect(call?.snippet).toContain("[limpieza]");
  });

  it("reads what a person types as words, never as query syntax", async () => {
    for (const typed of ['"', "NEAR(", "limpieza OR", "*", "tenant_token : x", "-manana", "(", "^"]) {
      await expect(found("ten_a", typed), typed).resolves.toBeInstanceOf(Array);
    }
    expect(await found("ten_a", "?!")).toEqual([]);
  });

  it("filters by tenant inside the index itself", async () => {
    const query = fullTextQuery("ten_a", ["text"], "limpieza", "AND")!;
    const rows = await sqlClientOf(db).execute({ sql: "select t.call_id from call_transcripts_fts f join call_transcripts t on t.seq = f.rowid where call_transcripts_fts match ?", args: [query] });
    expect(rows.rows.map((row) => row.call_id)).toEqual(["cal_1"]);
    expect(tenantToken("ten_a")).toMatch(/^t[0-9a-f]{16}$/);
    expect(tenantToken("ten_a")).not.toBe(tenantToken("ten_b"));
  });

  it("follows a transcript replaced, and forgets one whose call is gone", async () => {
    await db.write((writer) => forTenant(writer, "ten_a").saveTranscript("cal_2", [], "Caller: Can I move my checkup?", at));
    expect(await found("ten_a", "cleaning")).toEqual([]);
    expect(await found("ten_a", "checkup")).toEqual(["cal_2"]);
    await sqlClientOf(db).execute("delete from calls where id = 'cal_2'");
    expect(await found("ten_a", "checkup")).toEqual([]);
    const orphans = await sqlClientOf(db).execute({ sql: "select count(*) as n from call_transcripts_fts where call_transcripts_fts match ?", args: [fullTextQuery("ten_a", ["text"], "checkup", "AND")!] });
    expect(orphans.rows[0]?.n).toBe(0);
  });
});

describe("transcript search, page by page", () => {
  beforeAll(async () => {
    await db.write((writer) => createTenant(writer, { tenant: { id: "ten_c", name: "C", timeZone: "UTC" } }));
    for (const n of [1, 2, 3, 4, 5]) {
      await db.write(async (writer) => {
        const scope = forTenant(writer, "ten_c");
        const direction = n % 2 === 0 ? "outbound" : "inbound";
        await scope.saveCall({ id: `cal_c${n}`, providerCallId: `call_c${n}`, direction, fromE164: "+14155550142", toE164: "+14155550100", status: "ended", startedAt: at + n, createdAt: at, updatedAt: at });
        await scope.saveTranscript(`cal_c${n}`, [], `Caller: limpieza número ${n}`, at);
      });
    }
  });

  async function pages(query: { direction?: "inbound" | "outbound"; limit: number }) {
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await forTenant(db, "ten_c").callPage({ ...query, search: "limpieza", cursor });
      seen.push(page.items.map((call) => call.id));
      cursor = page.next ?? undefined;
    } while (cursor && seen.length < 10);
    return seen;
  }

  it("pages through every match once, newest transcript first", async () => {
    expect(await pages({ limit: 2 })).toEqual([["cal_c5", "cal_c4"], ["cal_c3", "cal_c2"], ["cal_c1"]]);
  });

  it("applies the call log's filters to the matches", async () => {
    expect(await pages({ limit: 2, direction: "inbound" })).toEqual([["cal_c5", "cal_c3"], ["cal_c1"]]);
    expect(await pages({ limit: 5, direction: "outbound" })).toEqual([["cal_c4", "cal_c2"]]);
  });
});

describe("knowledge search", () => {
  beforeAll(async () => {
    await db.write(async (writer) => {
      const times = { createdAt: at, updatedAt: at };
      await forTenant(writer, "ten_a").addKnowledgeEntry({ id: "kbe_1", kind: "qa", title: "Do you take insurance?", body: "We take most dental insurance plans.", tags: [], ...times });
      await forTenant(writer, "ten_a").addKnowledgeEntry({ id: "kbe_2", kind: "qa", title: "¿Dónde aparco?", body: "Hay aparcamiento detrás del edificio.", tags: [], ...times });
      await forTenant(writer, "ten_b").addKnowledgeEntry({ id: "kbe_3", kind: "qa", title: "Insurance", body: "No insurance here.", tags: [], ...times });
    });
  });

  const answers = async (tenantId: string, question: string) => (await forTenant(db, tenantId).searchKnowledge(question, 3)).map((entry) => entry.id);

  it("answers a question from any of its words, best match first, accents aside", async () => {
    expect(await answers("ten_a", "Do you take my insurance?")).toEqual(["kbe_1"]);
    expect(await answers("ten_a", "donde aparco")).toEqual(["kbe_2"]);
    expect(await answers("ten_b", "insurance")).toEqual(["kbe_3"]);
  });

  it("follows entries changed and removed", async () => {
    await db.write((writer) => forTenant(writer, "ten_a").updateKnowledgeEntry("kbe_2", { title: "Parking", body: "Parking is behind the building." }));
    expect(await answers("ten_a", "aparco")).toEqual([]);
    expect(await answers("ten_a", "parking")).toEqual(["kbe_2"]);
    await db.write((writer) => forTenant(writer, "ten_a").removeKnowledgeEntry("kbe_2"));
    expect(await answers("ten_a", "parking")).toEqual([]);
  });
});
