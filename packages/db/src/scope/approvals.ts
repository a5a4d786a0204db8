import { and, asc, desc, eq, exists, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { ApprovalKind, ApprovalStatus } from "@frontdesk/core";
import { ormOf, preparedQuery, type DrizzleDb, type Writer } from "../client";
import { approvals } from "../schema/approvals";
import { appointments } from "../schema/appointments";
import { callerMessages, calls, toolInvocations } from "../schema/calls";
import { decodeCursor, encodeCursor } from "./keyset";
import { shapedInsert } from "./shaped-insert";

export type ApprovalRow = typeof approvals.$inferSelect;
export type NewApproval = Omit<typeof approvals.$inferInsert, "tenantId">;
export type ApprovalPatch = Partial<Pick<typeof approvals.$inferInsert, "status" | "edited" | "reason" | "decidedBy" | "decidedAt" | "callId">>;

export interface ApprovalQuery {
  status: ApprovalStatus;
  kind?: ApprovalKind;
  /** The `next` of the page before. */
  cursor?: string;
  limit: number;
}

/** One tenant's queue of AI actions awaiting (or past) a decision: reads. */
export function approvalReads(orm: DrizzleDb, tenantId: string) {
  return {
    /** Oldest first: the queue is worked from its front. Paged by (created_at, id). */
    async approvals(query: ApprovalQuery): Promise<{ items: ApprovalRow[]; next: string | null }> {
      const after = decodeCursor(query.cursor);
      const rows = await orm
        .select()
        .from(approvals)
        .where(
          and(
            eq(approvals.tenantId, tenantId),
            eq(approvals.status, query.status),
            query.kind ? eq(approvals.kind, query.kind) : undefined,
            after ? or(gt(approvals.createdAt, after.at), and(eq(approvals.createdAt, after.at), gt(approvals.id, after.id))) : undefined,
          ),
        )
        .orderBy(asc(approvals.createdAt), asc(approvals.id))
        .limit(query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items, next: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
    },

    async approval(id: string): Promise<ApprovalRow | undefined> {
      const [row] = await orm.select().from(approvals).where(and(eq(approvals.tenantId, tenantId), eq(approvals.id, id)));
      return row;
    },

    /** The approvals a call created (by the provider's call id, so those made before its record existed too), newest first. */
    approvalsOfCall(providerCallId: string): Promise<ApprovalRow[]> {
      return orm
        .select()
        .from(approvals)
        .where(and(eq(approvals.tenantId, tenantId), eq(approvals.providerCallId, providerCallId)))
        .orderBy(desc(approvals.createdAt));
    },

    async pendingApprovalOfMessage(messageId: string): Promise<ApprovalRow | undefined> {
      const [row] = await orm
        .select()
        .from(approvals)
        .where(and(eq(approvals.tenantId, tenantId), eq(approvals.messageId, messageId), eq(approvals.status, "pending")));
      return row;
    },

    async pendingApprovalOf(appointmentId: string, kind: ApprovalKind): Promise<ApprovalRow | undefined> {
      const [row] = await orm
        .select()
        .from(approvals)
        .where(and(eq(approvals.tenantId, tenantId), eq(approvals.appointmentId, appointmentId), eq(approvals.kind, kind), eq(approvals.status, "pending")));
      return row;
    },
  };
}

/** One tenant's approval queue: writes, only on a Writer's scope. */
const param = (name: string) => sql.placeholder(name);
/** Points a call's approvals at its record, only if the record is the business's: every projection of a call asks it. */
const linkApprovalsQuery = preparedQuery((orm) =>
  orm
    .update(approvals)
    .set({ callId: sql`${param("callId")}` })
    .where(
      and(
        eq(approvals.tenantId, param("tenantId")),
        eq(approvals.providerCallId, param("providerCallId")),
        isNull(approvals.callId),
        exists(orm.select({ id: calls.id }).from(calls).where(and(eq(calls.tenantId, param("tenantId")), eq(calls.id, param("callId"))))),
      ),
    )
    .returning({ id: approvals.id }),
);

type LinkedTable = typeof appointments | typeof calls | typeof toolInvocations | typeof callerMessages;
/** Whether the row an approval links to is the business's: one statement per table, built once. */
const ownRowQueries = new Map(
  ([appointments, calls, toolInvocations, callerMessages] as LinkedTable[]).map((table) => [
    table,
    preparedQuery((orm) => orm.select({ id: table.id }).from(table).where(and(eq(table.tenantId, param("tenantId")), eq(table.id, param("id"))))),
  ]),
);
const insertApprovalRow = shapedInsert<NewApproval & { tenantId: string }, ApprovalRow>((orm, values) => orm.insert(approvals).values(values as never).returning());

export function approvalWrites(orm: DrizzleDb, tenantId: string) {
  /** Whether every row the approval would link to is the business's own. */
  async function linksAreOwn(values: NewApproval): Promise<boolean> {
    const own = async (table: LinkedTable, id: string | null | undefined) => !id || (await ownRowQueries.get(table)!(orm).all({ tenantId, id })).length > 0;
    return (
      (await own(appointments, values.appointmentId)) &&
      (await own(calls, values.callId)) &&
      (await own(toolInvocations, values.toolInvocationId)) &&
      (await own(callerMessages, values.messageId))
    );
  }

  return {
    /** Undefined (and nothing written) when it would link to another business's appointment, call, tool call or message. */
    async addApproval(values: NewApproval): Promise<ApprovalRow | undefined> {
      if (!(await linksAreOwn(values))) return undefined;
      const [row] = await insertApprovalRow(orm, { ...values, tenantId });
      return row;
    },

    /** Decides an approval if it is (still) in one of `from`; undefined if it was not. */
    async decideApproval(id: string, from: readonly ApprovalStatus[], patch: ApprovalPatch): Promise<ApprovalRow | undefined> {
      const [row] = await orm
        .update(approvals)
        .set(patch)
        .where(and(eq(approvals.tenantId, tenantId), eq(approvals.id, id), inArray(approvals.status, [...from])))
        .returning();
      return row;
    },

    /** Approvals a call created before its record existed point at it from now on; returns how many. */
    async linkApprovals(providerCallId: string, callId: string): Promise<number> {
      const rows = await linkApprovalsQuery(orm).all({ tenantId, providerCallId, callId });
      return rows.length;
    },
  };
}

/**
 * Moves and cancellations the phone agent took down that nobody decided before the appointment's time (their
 * `expiresAt`): past deciding, they lapse, whoever's they are. Answers how many. A booking's approval lapses with its
 * appointment instead, and a caller's message waits until someone calls back.
 */
export async function expireLapsedChangeApprovals(writer: Writer, now: number): Promise<number> {
  const expired = await ormOf(writer)
    .update(approvals)
    .set({ status: "expired", reason: "Not decided before the appointment's time.", decidedAt: now })
    .where(and(eq(approvals.status, "pending"), inArray(approvals.kind, ["reschedule", "cancel"]), lte(approvals.expiresAt, now)))
    .returning({ id: approvals.id });
  return expired.length;
}
