import {
  FrontdeskError,
  localDateOf,
  type Actor,
  type AppointmentStatus,
  type AppointmentSummary,
  type NotificationKind,
  type WebhookEventType,
} from "@frontdesk/core";
import { expireLapsedChangeApprovals, expireLapsedHolds, forTenant, lapsedPendingAppointments, type Db, type Tenant, type TenantScope } from "@frontdesk/db";
import type { OwnStaff } from "../auth/principal";
import type { NotificationService } from "../notifications/notifications.service";
import type { WebhookDeliveries } from "../webhooks-out/webhook-delivery";
import type { AppointmentCalendarHook } from "../calendar-sync/write-sync";
import { settleBookApproval } from "../approvals/appointment-approvals";
import { placement, serviceAndStaff, spanOf } from "../scheduling/placement";
import { toSummary, type AppointmentDetail } from "./present";

export interface LifecycleDeps {
  db: Db;
  now: () => number;
  notifications: NotificationService;
  /** The business's outgoing webhooks, enqueued in the change's own write. */
  webhooks: WebhookDeliveries;
  /** Staff members' own calendars, told of each change of time, status or staff member in its write. */
  calendars?: AppointmentCalendarHook;
}

/** What happens to an appointment after it is made: approval, rescheduling, cancellation, outcome, notes. */
export function lifecycleService({ db, now, notifications, webhooks, calendars }: LifecycleDeps) {
  const place = placement(now);

  async function load(tenant: Tenant, appointmentId: string): Promise<{ scope: TenantScope; tenant: Tenant; detail: AppointmentDetail }> {
    const scope = forTenant(db, tenant.id);
    const detail = await scope.appointmentDetail(appointmentId);
    if (!detail || detail.appointment.status === "held") {
      throw new FrontdeskError("NOT_FOUND", "There is no such appointment.", { field: "appointmentId" });
    }
    return { scope, tenant, detail };
  }

  /** Moves the appointment from one of `from` to `to`, records who did it and tells the customer. */
  async function transition(
    tenant: Tenant,
    appointmentId: string,
    change: {
      from: readonly AppointmentStatus[];
      to: AppointmentStatus;
      actor: Actor;
      action: string;
      notify?: NotificationKind;
      /** The webhook event the change is, if any. */
      event?: WebhookEventType;
      reason?: string | null;
      guard?: (detail: AppointmentDetail, tenant: Tenant) => void;
      /** Who decided, for the approval queue's row of a pending booking. */
      decidedBy?: string | null;
    },
  ): Promise<AppointmentSummary> {
    const { scope, detail } = await load(tenant, appointmentId);
    change.guard?.(detail, tenant);
    const current = now();
    await db.transaction(async (tx) => {
      const scope = forTenant(tx, tenant.id);
      const updated = await scope.updateAppointment(appointmentId, change.from, {
        status: change.to,
        expiresAt: null,
        ...(change.reason !== undefined ? { statusReason: change.reason } : {}),
        // Calendars apply a cancellation only if it is newer than the invitation they have.
        ...(change.notify === "cancelled" ? { sequence: detail.appointment.sequence + 1 } : {}),
      });
      if (!updated) throw invalidTransition(detail.appointment.status, change.to);
      await calendars?.appointmentChanged(scope, updated);
      await scope.recordEvent({ appointmentId, at: current, actor: change.actor, action: change.action, detail: change.reason ? { reason: change.reason } : {} });
      await settleBookApproval(scope, appointmentId, change.to, { at: current, reason: change.reason ?? null, ...(change.decidedBy !== undefined ? { decidedBy: change.decidedBy } : {}) });
      if (change.notify) await notifications.enqueue(scope, tenant, appointmentId, change.notify, { reason: change.reason ?? null });
      if (change.event) await webhooks.appointmentEvents(scope, tenant, appointmentId, [change.event]);
    });
    if (change.notify) notifications.deliverSoon();
    return toSummary((await scope.appointmentDetail(appointmentId))!, tenant, now());
  }

  const started = (detail: AppointmentDetail) => {
    if (detail.appointment.startAt > now()) {
      throw new FrontdeskError("INVALID_TRANSITION", "This appointment has not started yet.", { field: "appointmentId" });
    }
  };

  return {
    load,

    approve: (tenant: Tenant, id: string, actor: Actor = "staff", decidedBy?: string) =>
      transition(tenant, id, {
        ...(decidedBy !== undefined ? { decidedBy } : {}),
        from: ["pending"],
        to: "confirmed",
        actor,
        action: "approved",
        notify: "approved",
        event: "appointment.confirmed",
        reason: null,
        guard: ({ appointment }) => {
          if (appointment.expiresAt !== null && appointment.expiresAt <= now()) {
            throw new FrontdeskError("INVALID_TRANSITION", "This request has expired; ask the customer to book again.", { field: "status" });
          }
        },
      }),

    reject: (tenant: Tenant, id: string, reason: string, actor: Actor = "staff", decidedBy?: string) =>
      transition(tenant, id, { from: ["pending"], to: "rejected", actor, action: "rejected", notify: "rejected", reason, ...(decidedBy !== undefined ? { decidedBy } : {}) }),

    cancel: (tenant: Tenant, id: string, options: { actor: Actor; reason?: string | null; guard?: (detail: AppointmentDetail, tenant: Tenant) => void }) =>
      transition(tenant, id, {
        from: ["pending", "confirmed"],
        to: "cancelled",
        actor: options.actor,
        action: "cancelled",
        notify: "cancelled",
        event: "appointment.cancelled",
        reason: options.reason ?? null,
        ...(options.guard ? { guard: options.guard } : {}),
      }),

    markCompleted: (tenant: Tenant, id: string) =>
      transition(tenant, id, { from: ["confirmed", "no_show"], to: "completed", actor: "staff", action: "completed", guard: started }),

    markNoShow: (tenant: Tenant, id: string) =>
      transition(tenant, id, { from: ["confirmed", "completed"], to: "no_show", actor: "staff", action: "no_show", guard: started }),

    async setNotes(tenant: Tenant, id: string, notes: string): Promise<AppointmentSummary> {
      const { scope, detail } = await load(tenant, id);
      await db.transaction(async (tx) => {
        const txScope = forTenant(tx, tenant.id);
        await txScope.updateAppointment(id, [detail.appointment.status], { staffNotes: notes });
        await txScope.recordEvent({ appointmentId: id, at: now(), actor: "staff", action: "note", detail: { notes } });
      });
      return toSummary((await scope.appointmentDetail(id))!, tenant, now());
    },

    /** Moves the appointment to a new start; the same staff member if the customer chose them, else whoever the policy picks. */
    async reschedule(
      tenant: Tenant,
      id: string,
      startIso: string,
      options: { actor: Actor; guard?: (detail: AppointmentDetail, tenant: Tenant) => void; keepStaff?: boolean },
    ): Promise<AppointmentSummary> {
      const { scope, detail } = await load(tenant, id);
      options.guard?.(detail, tenant);
      const { appointment, service } = detail;
      if (appointment.status !== "pending" && appointment.status !== "confirmed") throw invalidTransition(appointment.status, "rescheduled");
      const start = Date.parse(startIso);
      const keepStaff = options.keepStaff === true || appointment.assignedBy === "customer";
      const { staff } = await serviceAndStaff(scope, service.id, keepStaff ? appointment.staffId : undefined);
      const current = now();
      await db.transaction(async (tx) => {
        const scope = forTenant(tx, tenant.id);
        await expireLapsedHolds(tx, current);
        const { candidates } = await place.candidatesFor(scope, { tenant, service, staff, start, excludeAppointmentId: id, locationId: appointment.locationId });
        // Staying with the same person is kinder when they are free.
        const ordered = candidates.includes(appointment.staffId)
          ? [appointment.staffId, ...candidates.filter((c) => c !== appointment.staffId)]
          : candidates;
        const moved = await place.moveFirstFree(scope, id, ordered, {
          from: ["pending", "confirmed"],
          patch: { ...spanOf(service, start), sequence: appointment.sequence + 1 },
        });
        if (!moved) throw invalidTransition(appointment.status, "rescheduled");
        await calendars?.appointmentChanged(scope, moved);
        await scope.recordEvent({
          appointmentId: id,
          at: current,
          actor: options.actor,
          action: "rescheduled",
          detail: { from: new Date(appointment.startAt).toISOString(), to: new Date(start).toISOString(), staffId: moved.staffId },
        });
        await notifications.enqueue(scope, tenant, id, "rescheduled", { previousStart: appointment.startAt });
        await webhooks.appointmentEvents(scope, tenant, id, ["appointment.rescheduled"]);
      });
      notifications.deliverSoon();
      return toSummary((await scope.appointmentDetail(id))!, tenant, now());
    },

    /**
     * Requests nobody approved in time lapse and free their slot; the customer is told. Moves and cancellations nobody
     * decided before the appointment lapse too (the appointment went ahead as it was).
     */
    async expirePending(): Promise<number> {
      const current = now();
      await db.write(async (writer) => {
        await expireLapsedHolds(writer, current);
        await expireLapsedChangeApprovals(writer, current);
      }, { keepsSetup: true });
      const lapsed = await lapsedPendingAppointments(db, current);
      for (const { id, tenantId } of lapsed) {
        await db.transaction(async (tx) => {
          const scope = forTenant(tx, tenantId);
          const updated = await scope.updateAppointment(id, ["pending"], { status: "expired", statusReason: "Not confirmed in time." });
          if (!updated) return;
          await calendars?.appointmentChanged(scope, updated);
          await scope.recordEvent({ appointmentId: id, at: current, actor: "system", action: "expired" });
          await settleBookApproval(scope, id, "expired", { at: current, reason: "Not confirmed in time." });
          const tenant = await scope.tenant();
          if (tenant) await notifications.enqueue(scope, tenant, id, "expired");
        });
      }
      if (lapsed.length > 0) notifications.deliverSoon();
      return lapsed.length;
    },

    /**
     * A customer's appointments, past and future, with what happened to each. `own` (see `ownStaffId`): a staff member
     * sees only their own appointments with the customer, and a customer they have none with reads as not found.
     */
    async customerHistory(tenant: Tenant, customer: { id?: string; email?: string }, own: OwnStaff = undefined) {
      const scope = forTenant(db, tenant.id);
      const found = customer.id ? await scope.customer(customer.id) : customer.email ? await scope.customerByEmail(customer.email) : undefined;
      const rows = !found || own === null ? [] : await scope.appointmentList({ customerId: found.id, ...(own ? { staffId: own } : {}) });
      if (!found || (own !== undefined && rows.length === 0)) {
        throw new FrontdeskError("NOT_FOUND", "There is no customer with that id or email.", { field: customer.id ? "customerId" : "email" });
      }
      const history = await Promise.all(
        rows.map(async (row) => ({
          ...toSummary(row, tenant, now()),
          date: localDateOf(row.appointment.startAt, tenant.timeZone),
          channel: row.appointment.channel,
          notes: row.appointment.notes,
          staffNotes: row.appointment.staffNotes,
          statusReason: row.appointment.statusReason,
          events: (await scope.events(row.appointment.id)).map((event) => ({
            at: new Date(event.at).toISOString(),
            actor: event.actor,
            action: event.action,
            detail: event.detail,
          })),
        })),
      );
      return { customer: { id: found.id, name: found.name, email: found.email, phone: found.phone }, appointments: history };
    },
  };
}

export type LifecycleService = ReturnType<typeof lifecycleService>;

function invalidTransition(from: string, to: string): FrontdeskError {
  return new FrontdeskError("INVALID_TRANSITION", `A ${from.replace("_", "-")} appointment cannot be ${to.replace("_", " ")}.`, {
    field: "status",
  });
}
