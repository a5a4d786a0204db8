import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientOf, migrateDb, openDb, type Db } from "../client";
import { createTenant, forTenant } from "../scope";
import { mergedSpans } from "./busy-days";

const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));
const hour = 3_600_000;
const day = 24 * hour;
const origin = Date.parse("2031-03-10T00:00:00Z");
const tenantId = "ten_busy_days";
const calendarIds = ["ccl_work", "ccl_home"] as const;

type Event = { id: string; start: number; end: number; allDay: boolean };
/** What a read of one calendar found: all its events (full), or some changed and some removed. */
type Read = { calendar: 0 | 1; full: boolean; busy: Event[]; freed: string[] };

const event = fc
  .record({ n: fc.integer({ min: 0, max: 30 }), start: fc.integer({ min: 0, max: 10 * 96 }), quarters: fc.integer({ min: 1, max: 3 * 96 }), allDay: fc.boolean() })
  .map(({ n, start, quarters, allDay }): Event => ({ id: `evt_${n}`, start: origin + start * 15 * 60_000, end: origin + (start + quarters) * 15 * 60_000, allDay }));
const read = fc.record({
  calendar: fc.constantFrom(0 as const, 1 as const),
  full: fc.boolean(),
  busy: fc.uniqueArray(event, { selector: (e) => e.id, maxLength: 12 }),
  freed: fc.uniqueArray(fc.integer({ min: 0, max: 30 }).map((n) => `evt_${n}`), { maxLength: 5 }),
});

/** The union of the events' times inside [from, to), merged. */
function expectedBusy(events: Iterable<Event>, from: number, to: number): number[] {
  const inside = [...events].filter((e) => e.end > from && e.start < to).map((e): [number, number] => [Math.max(e.start, from), Math.min(e.end, to)]);
  return mergedSpans(inside);
}

describe("calendar busy days", () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontdesk-busy-days-"));
    db = await openDb(`file:${join(dir, "db.sqlite")}`);
    await migrateDb(db, migrationsFolder);
    await db.transaction((tx) => createTenant(tx, { tenant: { id: tenantId, name: "Busy days", timeZone: "UTC" }, services: [], staff: [{ id: "stf_a", name: "Ana" }] }));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh connection with two busy calendars: the state the property starts from. */
  async function connect(): Promise<void> {
    await db.write(async (writer) => {
      const scope = forTenant(writer, tenantId);
      await scope.removeCalendarConnection("ccn_a");
      await scope.keepCalendarConnection({ id: "ccn_a", staffId: "stf_a", provider: "google", providerAccountId: "sub-a", email: "ana@example.com", accessTokenSealed: "x", accessExpiresAt: origin, createdAt: origin, updatedAt: origin });
      let n = 0;
      await scope.syncCalendarList("ccn_a", [
        { providerCalendarId: "work", name: "Work", timeZone: "UTC", primary: true, canWrite: true },
        { providerCalendarId: "home", name: "Home", timeZone: "UTC", primary: false, canWrite: true },
      ], origin, () => calendarIds[n++]!);
      await scope.chooseCalendars("ccn_a", { busyIds: [...calendarIds], destinationId: undefined }, origin);
    });
  }

  it("always hold the merged busy time of the stored events, through full and incremental reads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(read, { minLength: 1, maxLength: 6 }), fc.integer({ min: -2 * 96, max: 12 * 96 }), fc.integer({ min: 1, max: 8 * 96 }), async (reads, fromQuarter, quarters) => {
        await connect();
        const stored = [new Map<string, Event>(), new Map<string, Event>()];
        const cursors = [null, null] as (string | null)[];
        for (const [index, { calendar, full, busy, freed }] of reads.entries()) {
          const wrote = await db.write((writer) =>
            forTenant(writer, tenantId).applyCalendarRead(
              { id: calendarIds[calendar], staffId: "stf_a" },
              { fromCursor: cursors[calendar]!, full, busy, freedIds: full ? [] : freed, cursor: `c${index}`, window: { from: origin, to: origin + 90 * day }, at: origin },
            ),
          );
          expect(wrote).toBe(true);
          cursors[calendar] = `c${index}`;
          const events = stored[calendar]!;
          if (full) events.clear();
          else for (const id of [...freed, ...busy.map((e) => e.id)]) events.delete(id);
          for (const e of busy) events.set(e.id, e);
        }
        const from = origin + fromQuarter * 15 * 60_000;
        const to = from + quarters * 15 * 60_000;
        const { absences } = await forTenant(db, tenantId).busy(["stf_a"], { fromMs: from, toMs: to, now: origin });
        const found = mergedSpans(absences.map((a): [number, number] => [Math.max(a.start, from), Math.min(a.end, to)]));
        expect(found).toEqual(expectedBusy([...stored[0]!.values(), ...stored[1]!.values()], from, to));
      }),
      { numRuns: 60 },
    );
  });

  it("lose a calendar's time when it stops counting as busy, and all of it with the connection", async () => {
    await connect();
    const busy = (from: number) => forTenant(db, tenantId).busy(["stf_a"], { fromMs: from, toMs: from + day, now: origin });
    await db.write(async (writer) => {
      const scope = forTenant(writer, tenantId);
      const window = { from: origin, to: origin + 90 * day };
      await scope.applyCalendarRead({ id: "ccl_work", staffId: "stf_a" }, { fromCursor: null, full: true, busy: [{ id: "w", start: origin + 9 * hour, end: origin + 10 * hour, allDay: false }], freedIds: [], cursor: "w1", window, at: origin });
      await scope.applyCalendarRead({ id: "ccl_home", staffId: "stf_a" }, { fromCursor: null, full: true, busy: [{ id: "h", start: origin + 12 * hour, end: origin + 13 * hour, allDay: false }], freedIds: [], cursor: "h1", window, at: origin });
    });
    expect((await busy(origin)).absences.map((a) => a.start - origin)).toEqual([9 * hour, 12 * hour]);
    await db.write((writer) => forTenant(writer, tenantId).chooseCalendars("ccn_a", { busyIds: ["ccl_work"], destinationId: undefined }, origin));
    expect((await busy(origin)).absences.map((a) => a.start - origin)).toEqual([9 * hour]);
    await db.write((writer) => forTenant(writer, tenantId).removeCalendarConnection("ccn_a"));
    expect((await busy(origin)).absences).toEqual([]);
  });

  it("are made from the blocks stored before them by their migration", async () => {
    await connect();
    const window = { from: origin, to: origin + 90 * day };
    const events = [
      { id: "short", start: origin + 9 * hour, end: origin + 10 * hour, allDay: false },
      { id: "overlap", start: origin + 9.5 * hour, end: origin + 11 * hour, allDay: false },
      { id: "night", start: origin + 22 * hour, end: origin + 26 * hour, allDay: false },
      { id: "long", start: origin + 3 * day + 6 * hour, end: origin + 5 * day + 18 * hour, allDay: false },
    ];
    await db.write((writer) => forTenant(writer, tenantId).applyCalendarRead({ id: "ccl_work", staffId: "stf_a" }, { fromCursor: null, full: true, busy: events, freedIds: [], cursor: "m1", window, at: origin }));
    const range = { fromMs: origin - day, toMs: origin + 7 * day, now: origin };
    const merged = async () => mergedSpans((await forTenant(db, tenantId).busy(["stf_a"], range)).absences.map((a): [number, number] => [a.start, a.end]));
    const before = await merged();
    expect(before).toEqual(mergedSpans(events.map((e): [number, number] => [e.start, e.end])));

    const migration = readFileSync(join(migrationsFolder, "0024_calendar_busy_days.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint")[1]!;
    await db.write(async () => {
      await clientOf(db).execute("delete from calendar_busy_days");
      await clientOf(db).execute(backfill);
    });
    expect(await merged()).toEqual(before);
  });
});
