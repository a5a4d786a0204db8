import { hostname } from "node:os";
import { isProviderError } from "@frontdesk/core";
import { cancelJobs, claimJob, completeJob, enqueueJobs, failJob, randomId, withdrawIdleJob, type Db, type Job, type Writer } from "@frontdesk/db";

/** Leasing and finishing a job is the queue's own bookkeeping: no business's set-up changes. */
const keepsSetup = { keepsSetup: true } as const;

/** Minutes to wait before each retry of a failed attempt; after the last one the job is dead. */
export const defaultRetryDelaysMin = [1, 5, 30, 120, 360] as const;
/** How long a worker owns a job it took: longer than any attempt may take, or a second worker could start it too. */
export const leaseMs = 5 * 60_000;

export type ClaimedJob = Job;

/** What a job writes of its success, in the same transaction as the job's end. */
export type JobRecord = (tx: Writer) => Promise<unknown>;

/** A failed attempt, as the job's owner records it: `retryAt` is undefined when the job is dead. */
export interface JobFailure {
  attempts: number;
  error: Error;
  retryAt: number | undefined;
}

/** One kind of work: how to run it and when a failure is final. */
export interface JobKind<Payload> {
  kind: string;
  retryDelaysMin?: readonly number[];
  /** True for an error no retry can fix: the job is dead at once. */
  permanent?(error: unknown): boolean;
  /**
   * Throws to fail the attempt. It must be safe to run again after a crash, as a job whose worker died is run again.
   * It may resolve with what to record of its success: that is written in the transaction that marks the job done,
   * and must change bookings, messages or jobs only (never a business's set-up).
   */
  run(payload: Payload, job: ClaimedJob): Promise<void | JobRecord>;
  /** Records a failed attempt where the work's own rows keep it, in the same transaction as the job's new state. */
  failed?(tx: Writer, payload: Payload, failure: JobFailure, job: ClaimedJob): Promise<void>;
}

export interface NewJob<Payload> {
  /** What the job is about, unique for its kind: a second enqueue with the same key is ignored. */
  key: string;
  payload: Payload;
  runAt: number;
  tenantId?: string;
}

export interface JobTally {
  done: number;
  dead: number;
  retrying: number;
}

export interface JobQueue<Payload> {
  /** Adds jobs in the caller's write (a transaction's `Writer` makes them part of it), or in a write of their own. */
  enqueue(into: Db | Writer, added: NewJob<Payload>[]): Promise<void>;
  /** Withdraws queued jobs of this kind by key; one already running finishes. */
  cancel(into: Db | Writer, keys: string[]): Promise<void>;
  /** Withdraws one queued job unless a worker is running it now: `running` then, `none` if there is no such job. */
  withdrawIdle(into: Writer, key: string): Promise<"withdrawn" | "running" | "none">;
}

/** Runs `work` in the write `into` is, or in a new one for a `Db`. */
const inWrite = (into: Db | Writer, work: (writer: Writer) => Promise<void>) => ("write" in into ? into.write(work) : work(into));

/**
 * Durable jobs: rows in the `jobs` table, taken by a worker with a lease written in one statement, so two server
 * processes never run one job at once; failures retry with backoff and end `dead` with their error.
 */
export function jobRunner(deps: { db: Db; now: () => number; holder?: string }) {
  const { db, now } = deps;
  // Unique per process: a lease names the worker that holds it.
  const holder = deps.holder ?? `${hostname()}:${process.pid}:${randomId("wrk", 8)}`;
  const kinds = new Map<string, JobKind<never>>();
  const rounds = new Set<Promise<unknown>>();
  let soon: Promise<unknown> | undefined;
  let again = false;

  /** Takes the next due job of these kinds, or none; the lease and the attempt are written in the same statement. */
  function claimNext(writer: Writer, only: string[]): Promise<ClaimedJob | undefined> {
    const current = now();
    return claimJob(writer, { kinds: only, now: current, holder, leaseUntil: current + leaseMs });
  }

  /**
   * Runs one job and records how it ended; in the same write it takes the next due job of `next`'s kinds, if given,
   * so a busy queue costs one write per job rather than two.
   */
  async function runOne(job: ClaimedJob, definition: JobKind<unknown>, next: string[] | undefined): Promise<{ ended: keyof JobTally; next: ClaimedJob | undefined }> {
    const then = (writer: Writer) => (next ? claimNext(writer, next) : Promise.resolve(undefined));
    let record: void | JobRecord;
    try {
      record = await definition.run(job.payload, job);
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      const delay = (definition.retryDelaysMin ?? defaultRetryDelaysMin)[job.attempts - 1];
      // A provider that said when to come back (429 or 503 with Retry-After) is not asked again before then.
      const waitMs = delay === undefined ? undefined : Math.max(delay * 60_000, isProviderError(error) ? (error.retryAfterMs ?? 0) : 0);
      const retryAt = definition.permanent?.(error) || waitMs === undefined ? undefined : now() + waitMs;
      const lastError = error.message.slice(0, 500);
      const taken = await db.transaction(async (tx) => {
        await failJob(tx, job, holder, { retryAt, lastError, at: now() });
        await definition.failed?.(tx, job.payload, { attempts: job.attempts, error, retryAt }, job);
        return then(tx);
      });
      return { ended: retryAt === undefined ? "dead" : "retrying", next: taken };
    }
    const taken = await db.transaction(async (tx) => {
      await record?.(tx);
      await completeJob(tx, job, holder, now());
      return then(tx);
    }, keepsSetup);
    return { ended: "done", next: taken };
  }

  /** Runs due jobs one at a time, each taken just before it runs, so several workers share a backlog. */
  async function runDue(options: { limit?: number; kinds?: string[] } = {}): Promise<JobTally> {
    const only = options.kinds ?? [...kinds.keys()];
    const limit = options.limit ?? 100;
    const tally: JobTally = { done: 0, dead: 0, retrying: 0 };
    let job = limit > 0 ? await db.write((writer) => claimNext(writer, only), keepsSetup) : undefined;
    for (let taken = 1; job; taken++) {
      const { ended, next } = await runOne(job, kinds.get(job.kind) as JobKind<unknown>, taken < limit ? only : undefined);
      tally[ended]++;
      job = next;
    }
    return tally;
  }

  function tracked(options: { limit?: number; kinds?: string[] }): Promise<JobTally> {
    const round = runDue(options);
    rounds.add(round);
    void round.catch(() => undefined).finally(() => rounds.delete(round));
    return round;
  }

  return {
    holder,

    /** Registers a kind of job; the queue it returns adds and withdraws jobs of that kind. */
    define<Payload>(definition: JobKind<Payload>): JobQueue<Payload> {
      kinds.set(definition.kind, definition as JobKind<never>);
      return {
        async enqueue(into, added) {
          if (added.length === 0) return;
          await inWrite(into, (writer) => enqueueJobs(writer, definition.kind, added));
        },
        async cancel(into, keys) {
          if (keys.length === 0) return;
          await inWrite(into, (writer) => cancelJobs(writer, definition.kind, keys, now()));
        },
        withdrawIdle: (into, key) => withdrawIdleJob(into, definition.kind, key, now()),
      };
    },

    /** Runs the due jobs (of every kind, or of `kinds`); resolves with how they ended. */
    runDue: (options: { limit?: number; kinds?: string[] } = {}): Promise<JobTally> => tracked(options),

    /** Starts a round soon, without waiting for the periodic task; such rounds never overlap each other. */
    runSoon(): void {
      if (soon) {
        again = true;
        return;
      }
      soon = (async () => {
        do {
          again = false;
          await tracked({}).catch((error: unknown) => console.error("Running jobs failed:", error));
        } while (again);
      })().finally(() => (soon = undefined));
    },

    /** Resolves when no round of this process is running. */
    async settled(): Promise<void> {
      while (soon || rounds.size > 0) await Promise.allSettled([soon, ...rounds]);
    },
  };
}

export type JobRunner = ReturnType<typeof jobRunner>;
