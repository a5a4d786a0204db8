import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { PhoneNumberStatus } from "@frontdesk/core";
import { ormOf, type DrizzleDb, type Reader } from "../client";
import { voiceConnections } from "../schema/connections";
import { phoneNumberEvents, phoneNumbers, portingRequestEvents, portingRequests } from "../schema/phone";
import { guarded } from "./conflicts";

export type VoiceConnection = typeof voiceConnections.$inferSelect;
export type NewVoiceConnection = Omit<typeof voiceConnections.$inferInsert, "tenantId">;
export type PhoneNumber = typeof phoneNumbers.$inferSelect;
export type NewPhoneNumber = Omit<typeof phoneNumbers.$inferInsert, "tenantId">;
export type PhoneNumberPatch = Partial<Omit<typeof phoneNumbers.$inferInsert, "tenantId" | "id" | "e164">>;
export type PortingRequest = typeof portingRequests.$inferSelect;
export type NewPortingRequest = Omit<typeof portingRequests.$inferInsert, "tenantId">;

/** One tenant's provider connections, phone numbers and porting requests: reads. */
export function phoneReads(orm: DrizzleDb, tenantId: string) {
  return {
    voiceConnections(): Promise<VoiceConnection[]> {
      return orm.select().from(voiceConnections).where(eq(voiceConnections.tenantId, tenantId)).orderBy(asc(voiceConnections.provider));
    },

    async voiceConnection(id: string): Promise<VoiceConnection | undefined> {
      const [row] = await orm.select().from(voiceConnections).where(and(eq(voiceConnections.tenantId, tenantId), eq(voiceConnections.id, id)));
      return row;
    },

    /** The business's numbers, newest first; released ones only when asked for. */
    phoneNumbers(statuses?: readonly PhoneNumberStatus[]): Promise<PhoneNumber[]> {
      return orm
        .select()
        .from(phoneNumbers)
        .where(and(eq(phoneNumbers.tenantId, tenantId), inArray(phoneNumbers.status, [...(statuses ?? ["inactive", "active", "suspended", "porting"])])))
        .orderBy(desc(phoneNumbers.createdAt), asc(phoneNumbers.id));
    },

    async phoneNumber(id: string): Promise<PhoneNumber | undefined> {
      const [row] = await orm.select().from(phoneNumbers).where(and(eq(phoneNumbers.tenantId, tenantId), eq(phoneNumbers.id, id)));
      return row;
    },

    phoneNumberEvents(numberId: string) {
      return orm
        .select()
        .from(phoneNumberEvents)
        .where(and(eq(phoneNumberEvents.tenantId, tenantId), eq(phoneNumberEvents.numberId, numberId)))
        .orderBy(asc(phoneNumberEvents.at));
    },

    portingRequests(): Promise<PortingRequest[]> {
      return orm.select().from(portingRequests).where(eq(portingRequests.tenantId, tenantId)).orderBy(desc(portingRequests.createdAt));
    },

    async portingRequest(id: string): Promise<PortingRequest | undefined> {
      const [row] = await orm.select().from(portingRequests).where(and(eq(portingRequests.tenantId, tenantId), eq(portingRequests.id, id)));
      return row;
    },

    portingRequestEvents(requestId: string) {
      return orm
        .select()
        .from(portingRequestEvents)
        .where(and(eq(portingRequestEvents.tenantId, tenantId), eq(portingRequestEvents.requestId, requestId)))
        .orderBy(asc(portingRequestEvents.at));
    },
  };
}

/** One tenant's provider connections, phone numbers and porting requests: writes, only on a Writer's scope. */
export function phoneWrites(orm: DrizzleDb, tenantId: string) {
  const reads = phoneReads(orm, tenantId);
  return {
    /** The business's connection to the provider, made or replaced (one per provider). */
    async saveVoiceConnection(values: NewVoiceConnection): Promise<VoiceConnection> {
      const { id: _id, provider: _provider, createdAt: _createdAt, ...replaced } = values;
      const [row] = await orm
        .insert(voiceConnections)
        .values({ ...values, tenantId })
        .onConflictDoUpdate({ target: [voiceConnections.tenantId, voiceConnections.provider], set: replaced })
        .returning();
      return row!;
    },

    async updateVoiceConnection(id: string, patch: Partial<Omit<NewVoiceConnection, "id" | "provider">>): Promise<boolean> {
      const rows = await orm
        .update(voiceConnections)
        .set(patch)
        .where(and(eq(voiceConnections.tenantId, tenantId), eq(voiceConnections.id, id)))
        .returning({ id: voiceConnections.id });
      return rows.length > 0;
    },

    /** False when the business has no such connection. Rows that still name it (agents, numbers, calls) keep it from going: the foreign keys refuse. */
    async removeVoiceConnection(id: string): Promise<boolean> {
      const rows = await orm
        .delete(voiceConnections)
        .where(and(eq(voiceConnections.tenantId, tenantId), eq(voiceConnections.id, id)))
        .returning({ id: voiceConnections.id });
      return rows.length > 0;
    },

    /** Throws NUMBER_TAKEN when the number is live anywhere already. */
    async addPhoneNumber(values: NewPhoneNumber): Promise<PhoneNumber> {
      const [row] = await guarded(orm.insert(phoneNumbers).values({ ...values, tenantId }).returning());
      return row!;
    },

    /** Undefined when the business has no such number. */
    async updatePhoneNumber(id: string, patch: PhoneNumberPatch): Promise<PhoneNumber | undefined> {
      const [row] = await guarded(
        orm
          .update(phoneNumbers)
          .set(patch)
          .where(and(eq(phoneNumbers.tenantId, tenantId), eq(phoneNumbers.id, id)))
          .returning(),
      );
      return row;
    },

    /** False (and nothing written) when the number is not the business's. */
    async recordPhoneNumberEvent(event: Omit<typeof phoneNumberEvents.$inferInsert, "tenantId">): Promise<boolean> {
      if (!(await reads.phoneNumber(event.numberId))) return false;
      await orm.insert(phoneNumberEvents).values({ ...event, tenantId });
      return true;
    },

    async addPortingRequest(values: NewPortingRequest): Promise<PortingRequest> {
      const [row] = await orm.insert(portingRequests).values({ ...values, tenantId }).returning();
      return row!;
    },

    async updatePortingRequest(id: string, patch: Partial<Omit<NewPortingRequest, "id" | "e164">>): Promise<PortingRequest | undefined> {
      const [row] = await orm
        .update(portingRequests)
        .set(patch)
        .where(and(eq(portingRequests.tenantId, tenantId), eq(portingRequests.id, id)))
        .returning();
      return row;
    },

    /** False (and nothing written) when the request is not the business's. */
    async recordPortingEvent(event: Omit<typeof portingRequestEvents.$inferInsert, "tenantId">): Promise<boolean> {
      if (!(await reads.portingRequest(event.requestId))) return false;
      await orm.insert(portingRequestEvents).values({ ...event, tenantId });
      return true;
    },
  };
}

/** The number a Retell inbound webhook names (by our id, in its URL), whoever's it is: the tenant comes from it. */
export async function numberForWebhook(db: Reader, numberId: string): Promise<PhoneNumber | undefined> {
  const [row] = await ormOf(db).select().from(phoneNumbers).where(eq(phoneNumbers.id, numberId));
  return row;
}

/** A business's connection, whoever's it is: for a Twilio status callback, whose URL names only the connection. */
export async function connectionForWebhook(db: Reader, connectionId: string): Promise<VoiceConnection | undefined> {
  const [row] = await ormOf(db).select().from(voiceConnections).where(eq(voiceConnections.id, connectionId));
  return row;
}

/** The businesses' Twilio connections under one account, whoever's they are: a status callback names only the account. */
export function twilioConnectionsOfAccount(db: Reader, accountSid: string): Promise<VoiceConnection[]> {
  return ormOf(db).select().from(voiceConnections).where(and(eq(voiceConnections.provider, "twilio"), eq(voiceConnections.accountRef, accountSid)));
}
