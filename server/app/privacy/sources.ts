import { forgetJobs, type Customer, type TenantScope, type TenantWriteScope } from "@frontdesk/db";
import { deliveryKind } from "../notifications/notifications.service";

/** The customer an export or erasure is about, and their appointments' ids (which the other sources key on). */
export interface DataSubject {
  customer: Customer;
  appointmentIds: string[];
  /** Stored recordings an erasure removes from storage once its transaction committed. */
  recordingsToRemove?: string[];
}

/** What an erasure did, summed over the sources. */
export interface ErasureTally {
  appointmentsAnonymised: number;
  messagesRemoved: number;
  jobsCancelled: number;
}

/**
 * One kind of personal data the business holds about a customer. Export and erasure go through the list below, so a
 * new kind (call transcripts and recordings, next) is one more source: its part of the export, and how it is erased.
 */
export interface PersonalDataSource {
  /** Its key in the export's `sources`. */
  name: string;
  export(scope: TenantScope, subject: DataSubject): Promise<Record<string, unknown>[]>;
  /** Removes or anonymises its rows, in the erasure's transaction. */
  erase(scope: TenantWriteScope, subject: DataSubject, at: number): Promise<Partial<ErasureTally>>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Appointments are kept for the business's records, without what was written about them; their history goes with them. */
const appointments: PersonalDataSource = {
  name: "appointments",
  async export(scope, { customer }) {
    const rows = await scope.customerAppointments(customer.id);
    const events = await scope.eventsOfAppointments(rows.map((row) => row.appointment.id));
    return rows.map(({ appointment, serviceName, staffName }) => ({
      id: appointment.id,
      status: appointment.status,
      serviceId: appointment.serviceId,
      serviceName,
      staffId: appointment.staffId,
      staffName,
      locationId: appointment.locationId,
      start: iso(appointment.startAt),
      end: iso(appointment.endAt),
      channel: appointment.channel,
      notes: appointment.notes,
      staffNotes: appointment.staffNotes,
      statusReason: appointment.statusReason,
      customerTimeZone: appointment.customerTimeZone,
      createdAt: iso(appointment.createdAt),
      events: events
        .filter((event) => event.appointmentId === appointment.id)
        .map((event) => ({ at: iso(event.at), actor: event.actor, action: event.action, detail: event.detail })),
    }));
  },
  async erase(scope, { customer }) {
    return { appointmentsAnonymised: (await scope.anonymiseAppointmentsOf(customer.id)).length };
  },
};

/** Every message to the customer (confirmations, reminders, ...), with its delivery; removed on erasure, with jobs still to send one. */
const messages: PersonalDataSource = {
  name: "messages",
  async export(scope, subject) {
    const rows = await scope.messagesTo(subject.appointmentIds, recipientsOf(subject.customer));
    return rows.map((row) => ({
      id: row.id,
      appointmentId: row.appointmentId,
      kind: row.kind,
      channel: row.channel,
      recipient: row.recipient,
      subject: row.subject,
      text: row.text,
      status: row.status,
      sendAt: iso(row.sendAt),
      sentAt: iso(row.sentAt),
      createdAt: iso(row.createdAt),
    }));
  },
  async erase(scope, subject, at) {
    const ids = (await scope.messagesTo(subject.appointmentIds, recipientsOf(subject.customer))).map((row) => row.id);
    const jobsCancelled = await forgetJobs(scope.writer, deliveryKind, ids, at);
    await scope.removeMessages(ids);
    return { messagesRemoved: ids.length, jobsCancelled };
  },
};

const recipientsOf = (customer: Customer) => [customer.email, customer.phone, customer.phoneE164].filter((recipient): recipient is string => recipient !== null);

/** Their calls: the record, the transcript (turns with times), and whether a recording is stored (staff fetch it apart). */
const calls: PersonalDataSource = {
  name: "calls",
  async export(scope, { customer }) {
    const rows = await scope.callsOfCustomer(customer.id, customer.phoneE164);
    return Promise.all(
      rows.map(async (call) => ({
        id: call.id,
        direction: call.direction,
        from: call.fromE164,
        to: call.toE164,
        status: call.status,
        startedAt: iso(call.startedAt),
        endedAt: iso(call.endedAt),
        durationMs: call.durationMs,
        summary: call.summary,
        sentiment: call.sentiment,
        intent: call.intent,
        outcome: call.outcome,
        recordingStored: call.recordingStatus === "stored",
        transcript: (await scope.callTranscript(call.id))?.turns ?? [],
      })),
    );
  },
  async erase(scope, subject, at) {
    const rows = await scope.callsOfCustomer(subject.customer.id, subject.customer.phoneE164);
    subject.recordingsToRemove?.push(...rows.flatMap((call) => (call.recordingKey ? [call.recordingKey] : [])));
    await scope.eraseCalls(rows.map((call) => call.id), at);
    return {};
  },
};

/** Messages they left with the phone agent. */
const callerMessages: PersonalDataSource = {
  name: "callerMessages",
  async export(scope, { customer }) {
    if (!customer.phoneE164) return [];
    return (await scope.callerMessagesFrom(customer.phoneE164)).map((row) => ({
      id: row.id, name: row.name, phone: row.phoneE164, message: row.message, urgency: row.urgency, reason: row.reason, status: row.status, createdAt: iso(row.createdAt),
    }));
  },
  async erase(scope, { customer }) {
    if (!customer.phoneE164) return {};
    await scope.eraseCallerMessages((await scope.callerMessagesFrom(customer.phoneE164)).map((row) => row.id));
    return {};
  },
};

/** Every source of personal data about a customer, in the order the export lists them. */
export const personalDataSources: readonly PersonalDataSource[] = [appointments, messages, calls, callerMessages];
