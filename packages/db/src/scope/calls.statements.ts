/** The phone line's hot statements (tool calls, events, call records), each built once: see `preparedQuery`. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { preparedQuery } from "../client";
import { calls, callTranscripts, providerEvents, toolInvocations } from "../schema/calls";
import { shapedInsert } from "./shaped-insert";

type ToolInvocation = typeof toolInvocations.$inferSelect;

const param = (name: string) => sql.placeholder(name);
/** What a finished tool call records: every field, so its one statement is built once. */
export type FinishedToolInvocation = Required<Pick<typeof toolInvocations.$inferInsert, "status" | "answer" | "outcomeCode" | "finishedAt" | "latencyMs" | "appointmentId" | "approvalId" | "messageId">>;
const finishedFields = ["status", "answer", "outcomeCode", "finishedAt", "latencyMs", "appointmentId", "approvalId", "messageId"] as const;

export const callQuery = preparedQuery((orm) => orm.select().from(calls).where(and(eq(calls.tenantId, param("tenantId")), eq(calls.id, param("id")))));
export const callByProviderQuery = preparedQuery((orm) =>
  orm
    .select()
    .from(calls)
    .where(and(eq(calls.tenantId, param("tenantId")), eq(calls.provider, param("provider")), eq(calls.providerCallId, param("providerCallId")))),
);
export const saveTranscriptQuery = preparedQuery((orm) =>
  orm
    .insert(callTranscripts)
    .values({ callId: param("callId"), tenantId: param("tenantId"), tenantToken: param("tenantToken"), turns: param("turns"), text: param("text"), updatedAt: param("at") })
    .onConflictDoUpdate({
      target: callTranscripts.callId,
      set: { turns: sql`excluded.turns`, text: sql`excluded.text`, updatedAt: sql`excluded.updated_at` },
      setWhere: eq(callTranscripts.tenantId, param("tenantId")),
    }),
);
export const linkToolInvocationsQuery = preparedQuery((orm) =>
  orm
    .update(toolInvocations)
    .set({ callId: sql`${param("callId")}` })
    .where(and(eq(toolInvocations.tenantId, param("tenantId")), eq(toolInvocations.providerCallId, param("providerCallId")), isNull(toolInvocations.callId)))
    .returning({ id: toolInvocations.id }),
);
export const placeToolInvocationQuery = preparedQuery((orm) =>
  orm
    .update(toolInvocations)
    .set({ afterTurns: sql`${param("afterTurns")}`, providerToolCallId: sql`${param("providerToolCallId")}` })
    .where(
      and(
        eq(toolInvocations.tenantId, param("tenantId")),
        eq(toolInvocations.providerCallId, param("providerCallId")),
        eq(toolInvocations.tool, param("tool")),
        eq(toolInvocations.argsHash, param("argsHash")),
      ),
    )
    .returning({ id: toolInvocations.id }),
);
export const recordEventQuery = preparedQuery((orm) =>
  orm
    .insert(providerEvents)
    .values({
      id: param("id"),
      tenantId: param("tenantId"),
      provider: param("provider"),
      kind: param("kind"),
      subjectId: param("subjectId"),
      dedupeKey: param("dedupeKey"),
      receivedAt: param("receivedAt"),
      body: param("body"),
    })
    .onConflictDoUpdate({ target: [providerEvents.provider, providerEvents.subjectId, providerEvents.dedupeKey], set: { duplicates: sql`${providerEvents.duplicates} + 1` } })
    .returning(),
);
export const eventsOfSubjectQuery = preparedQuery((orm) =>
  orm
    .select()
    .from(providerEvents)
    .where(and(eq(providerEvents.provider, param("provider")), eq(providerEvents.subjectId, param("subjectId"))))
    .orderBy(asc(providerEvents.receivedAt), asc(providerEvents.id)),
);
export const markProcessedQuery = preparedQuery((orm) =>
  orm
    .update(providerEvents)
    .set({ processedAt: sql`${param("at")}`, error: sql`${param("error")}` })
    .where(sql`${providerEvents.id} in (select value from json_each(${param("ids")}))`),
);

export const invocationsOfCallQuery = preparedQuery((orm) =>
  orm
    .select()
    .from(toolInvocations)
    .where(and(eq(toolInvocations.tenantId, param("tenantId")), eq(toolInvocations.providerCallId, param("providerCallId"))))
    .orderBy(asc(toolInvocations.startedAt), asc(toolInvocations.id)),
);
export const insertClaimRow = shapedInsert<typeof toolInvocations.$inferInsert, ToolInvocation>((orm, values) => orm.insert(toolInvocations).values(values as never).onConflictDoNothing().returning());
export const finishQuery = preparedQuery((orm) =>
  orm
    .update(toolInvocations)
    .set(Object.fromEntries(finishedFields.map((field) => [field, param(field)])))
    .where(and(eq(toolInvocations.tenantId, param("tenantId")), eq(toolInvocations.id, param("id"))))
    .returning({ id: toolInvocations.id }),
);
