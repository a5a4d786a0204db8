import { and, desc, eq } from "drizzle-orm";
import { ormOf, type Reader, type Writer } from "../client";
import { accountMessages } from "../schema/accounts";

export type AccountMessage = typeof accountMessages.$inferSelect;
export type NewAccountMessage = Omit<typeof accountMessages.$inferInsert, "status" | "transport" | "lastError" | "sentAt">;

export async function addAccountMessage(writer: Writer, message: NewAccountMessage): Promise<void> {
  await ormOf(writer).insert(accountMessages).values(message);
}

export async function findAccountMessage(db: Reader, id: string): Promise<AccountMessage | undefined> {
  const [row] = await ormOf(db).select().from(accountMessages).where(eq(accountMessages.id, id));
  return row;
}

/** Only a queued message moves on: a delivery that lost its lease cannot mark it twice. */
export async function updateAccountMessage(writer: Writer, id: string, patch: Partial<Pick<AccountMessage, "status" | "transport" | "lastError" | "sentAt">>): Promise<void> {
  await ormOf(writer)
    .update(accountMessages)
    .set(patch)
    .where(and(eq(accountMessages.id, id), eq(accountMessages.status, "queued")));
}

/** A business's invitation mail, newest first: the sandbox outbox shows it next to customer messages. */
export function accountMessagesOfTenant(db: Reader, tenantId: string, limit: number): Promise<AccountMessage[]> {
  return ormOf(db).select().from(accountMessages).where(eq(accountMessages.tenantId, tenantId)).orderBy(desc(accountMessages.createdAt)).limit(limit);
}
