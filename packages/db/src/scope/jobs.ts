import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { ormOf, preparedQuery, type Writer } from "../client";
import { randomId } from "../ids";
import { jobs } from "../schema/jobs";
import { shapedInsert } from "./shaped-insert";

/**
 * The durable jobs table. Jobs are the server's work across tenants (a job names its tenant, if any), so these take
 * a Writer rather than a tenant scope; each change that matters is one statement, so two processes never both win.
 */
export type Job = typeof jobs.$inferSelect;

export interface NewJobRow {
  key: string;
  payload: unknown;
  runAt: number;
  tenantId?: string;
}

/** Adds jobs of one kind; a key already queued for that kind is ignored. */
export async function enqueueJobs(writer: Writer, kind: string, added: NewJobRow[]): Promise<void> {
  if (added.length === 0) return;
  const job = added.length === 1 ? added[0]! : undefined;
  if (job) {
    await insertJobRow(ormOf(writer), { id: randomId("job"), kind, key: job.key, payload: job.payload, runAt: job.runAt, tenantId: job.tenantId ?? null });
    return;
  }
  await ormOf(writer)
    .insert(jobs)
    .values(added.map((job) => ({ id: randomId("job"), kind, key: job.key, payload: job.payload, runAt: job.runAt, tenantId: job.tenantId ?? null })))
    .onConflictDoNothing();
}

// Every booking queues its messages' jobs one at a time.
const insertJobRow = shapedInsert<typeof jobs.$inferInsert, never>((orm, values) => orm.insert(jobs).values(values as never).onConflictDoNothing().returning({ id: jobs.id }) as never);

/** Withdraws queued jobs of one kind by key; one already running finishes. */
export async function cancelJobs(writer: Writer, kind: string, keys: string[], at: number): Promise<void> {
  if (keys.length === 0) return;
  await ormOf(writer)
    .update(jobs)
    .set({ status: "cancelled", finishedAt: at })
    .where(and(eq(jobs.kind, kind), inArray(jobs.key, keys), eq(jobs.status, "queued")));
}

/** Takes the next due job of these kinds, or none: the lease and the attempt are written in the same statement. */
export async function claimJob(writer: Writer, claim: { kinds: string[]; now: number; holder: string; leaseUntil: number }): Promise<Job | undefined> {
  const [claimed] = await claimQuery(ormOf(writer)).all({ ...claim, kinds: JSON.stringify(claim.kinds) });
  return claimed;
}

const param = (name: string) => sql.placeholder(name);
/** A placeholder where drizzle's types want SQL (in `set`): bound as given. */
const bound = (name: string) => sql`${param(name)}`;
// Every worker asks it after every job, and every booking queues one: built once.
const claimQuery = preparedQuery((orm) => {
  const next = orm
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "queued"),
        lte(jobs.runAt, param("now")),
        or(isNull(jobs.leaseUntil), lte(jobs.leaseUntil, param("now"))),
        sql`${jobs.kind} in (select value from json_each(${param("kinds")}))`,
      ),
    )
    .orderBy(asc(jobs.runAt))
    .limit(1);
  return orm
    .update(jobs)
    .set({ leaseHolder: bound("holder"), leaseUntil: bound("leaseUntil"), attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, next))
    .returning();
});
const completeQuery = preparedQuery((orm) =>
  orm
    .update(jobs)
    .set({ status: "done", leaseUntil: null, lastError: null, finishedAt: bound("at") })
    .where(and(eq(jobs.id, param("id")), eq(jobs.leaseHolder, param("holder")), eq(jobs.attempts, param("attempts")), eq(jobs.status, "queued"))),
);

/** Only while this worker still holds the lease of this attempt: a lease that ran out belongs to whoever took it next. */
const stillHeld = (job: Job, holder: string) => and(eq(jobs.id, job.id), eq(jobs.leaseHolder, holder), eq(jobs.attempts, job.attempts), eq(jobs.status, "queued"));

/** Marks the attempt done; the holder stays, to say which worker ran it. A job withdrawn meanwhile stays withdrawn. */
export async function completeJob(writer: Writer, job: Job, holder: string, at: number): Promise<void> {
  await completeQuery(ormOf(writer)).run({ id: job.id, holder, attempts: job.attempts, at });
}

/** Records a failed attempt: queued again for `retryAt`, or dead without one. A job withdrawn meanwhile stays withdrawn. */
export async function failJob(writer: Writer, job: Job, holder: string, failure: { retryAt: number | undefined; lastError: string; at: number }): Promise<void> {
  const { retryAt } = failure;
  await ormOf(writer)
    .update(jobs)
    .set({
      status: retryAt === undefined ? "dead" : "queued",
      ...(retryAt === undefined ? { finishedAt: failure.at } : { runAt: retryAt }),
      leaseHolder: null,
      leaseUntil: null,
      lastError: failure.lastError,
    })
    .where(stillHeld(job, holder));
}

/** Withdraws queued jobs of one kind by key and drops the last error of all of them (it may quote their payload); returns how many were withdrawn. */
export async function forgetJobs(writer: Writer, kind: string, keys: string[], at: number): Promise<number> {
  if (keys.length === 0) return 0;
  const orm = ormOf(writer);
  const withdrawn = await orm
    .update(jobs)
    .set({ status: "cancelled", finishedAt: at })
    .where(and(eq(jobs.kind, kind), inArray(jobs.key, keys), eq(jobs.status, "queued")))
    .returning({ id: jobs.id });
  await orm.update(jobs).set({ lastError: null }).where(and(eq(jobs.kind, kind), inArray(jobs.key, keys)));
  return withdrawn.length;
}

/**
 * Withdraws a queued job of one kind that no worker is running (one statement, so no worker can take it meanwhile):
 * `withdrawn`, `running` when a worker holds its lease now, or `none` when no such job is queued.
 */
export async function withdrawIdleJob(writer: Writer, kind: string, key: string, at: number): Promise<"withdrawn" | "running" | "none"> {
  const orm = ormOf(writer);
  const queued = and(eq(jobs.kind, kind), eq(jobs.key, key), eq(jobs.status, "queued"));
  const withdrawn = await orm
    .update(jobs)
    .set({ status: "cancelled", finishedAt: at })
    .where(and(queued, or(isNull(jobs.leaseUntil), lte(jobs.leaseUntil, at))))
    .returning({ id: jobs.id });
  if (withdrawn.length > 0) return "withdrawn";
  const [running] = await orm.select({ id: jobs.id }).from(jobs).where(queued);
  return running ? "running" : "none";
}
