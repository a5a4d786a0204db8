import { afterEach, describe, expect, it } from "vitest";
import { jobs } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { jobRunner, leaseMs } from "../app/jobs/jobs";
import { startTestApp, type TestApp } from "../testing/app-harness";

let t: TestApp;
afterEach(() => t?.close());

const jobRow = async (key: string) => (await rowsOf(t.db, jobs, { key }))[0]!;

describe("durable jobs", () => {
  it("retry a failing job after 1, 5, 30, 120 and 360 minutes, then keep it dead with its last error", async () => {
    t = await startTestApp();
    const runner = jobRunner({ db: t.db, now: t.clock.now });
    let runs = 0;
    const queue = runner.define<{ url: string }>({
      kind: "test.always-fails",
      async run() {
        runs++;
        throw new Error(`refused, attempt ${runs}`);
      },
    });
    await queue.enqueue(t.db, [{ key: "hook-1", payload: { url: "http://example.test" }, runAt: t.clock.now() }]);

    const retries: number[] = [];
    for (;;) {
      const start = t.clock.now();
      const tally = await runner.runDue();
      const row = await jobRow("hook-1");
      if (tally.dead === 1) break;
      expect(tally).toEqual({ done: 0, dead: 0, retrying: 1 });
      retries.push((row.runAt - start) / 60_000);
      t.clock.set(row.runAt);
    }
    expect(retries).toEqual([1, 5, 30, 120, 360]);
    expect(await jobRow("hook-1")).toMatchObject({ status: "dead", attempts: 6, lastError: "refused, attempt 6", leaseUntil: null });
    t.clock.advance(7 * 86_400_000);
    expect(await runner.runDue()).toEqual({ done: 0, dead: 0, retrying: 0 });
    expect(runs).toBe(6);
  });

  it("leave a job to the worker that holds it, and run it again once a stopped worker's lease runs out", async () => {
    t = await startTestApp();
    const ranBy: string[] = [];
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const worker = (holder: string) => {
      const runner = jobRunner({ db: t.db, now: t.clock.now, holder });
      const queue = runner.define<Record<string, never>>({
        kind: "test.sync",
        async run() {
          ranBy.push(holder);
          if (holder === "stopped") await stuck;
        },
      });
      return { runner, queue };
    };
    const stopped = worker("stopped");
    const other = worker("other");
    await other.queue.enqueue(t.db, [{ key: "calendar-1", payload: {}, runAt: t.clock.now() }]);

    const abandoned = stopped.runner.runDue();
    while ((await jobRow("calendar-1")).leaseHolder !== "stopped") await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await other.runner.runDue()).toEqual({ done: 0, dead: 0, retrying: 0 });

    t.clock.advance(leaseMs);
    expect(await other.runner.runDue()).toEqual({ done: 1, dead: 0, retrying: 0 });
    // The stopped worker comes back late: the job stays as the worker that now holds it left it.
    release();
    await abandoned;
    expect(ranBy).toEqual(["stopped", "other"]);
    expect(await jobRow("calendar-1")).toMatchObject({ status: "done", attempts: 2, leaseHolder: "other" });
  });

  it("never run a job withdrawn before it was due", async () => {
    t = await startTestApp();
    const runner = jobRunner({ db: t.db, now: t.clock.now });
    let runs = 0;
    const queue = runner.define<Record<string, never>>({ kind: "test.reminder", run: async () => void runs++ });
    await queue.enqueue(t.db, [{ key: "reminder-1", payload: {}, runAt: t.clock.now() + 60_000 }]);
    await queue.enqueue(t.db, [{ key: "reminder-1", payload: {}, runAt: t.clock.now() }]);
    await queue.cancel(t.db, ["reminder-1"]);
    t.clock.advance(60_000);
    expect(await runner.runDue()).toEqual({ done: 0, dead: 0, retrying: 0 });
    expect(runs).toBe(0);
    expect(await rowsOf(t.db, jobs, { key: "reminder-1" })).toMatchObject([{ status: "cancelled" }]);
  });
});
