import type { z } from "zod";
import { customerExportVersion, FrontdeskError, type CustomerExport, type customerEraseInput, type customerExportInput } from "@frontdesk/core";
import { forTenant, type Customer, type Db, type Tenant, type TenantScope } from "@frontdesk/db";
import { personalDataSources, type DataSubject, type ErasureTally } from "./sources";

export interface PrivacyDeps {
  db: Db;
  now: () => number;
  /** Where call recordings are stored: an erasure removes the customer's. */
  recordings?: { remove(key: string): Promise<void> };
}

/** Why an appointment was cancelled by an erasure: its customer can no longer be told. */
const erasureCancellation = "Cancelled when the customer's personal data was erased.";

/** One customer's personal data: everything the business holds about them, exported or erased. */
export function privacyService({ db, now, recordings }: PrivacyDeps) {
  async function customerOf(scope: TenantScope, ref: { customerId?: string | undefined; email?: string | undefined }): Promise<Customer> {
    const found = ref.customerId ? await scope.customer(ref.customerId) : ref.email ? await scope.customerByEmail(ref.email) : undefined;
    if (!found) throw new FrontdeskError("NOT_FOUND", "There is no customer with that id or email.", { field: ref.customerId ? "customerId" : "email" });
    return found;
  }

  async function subjectOf(scope: TenantScope, customer: Customer): Promise<DataSubject> {
    return { customer, appointmentIds: (await scope.customerAppointments(customer.id)).map((row) => row.appointment.id) };
  }

  return {
    /** Everything about one customer, as JSON: their record, and each source's rows. */
    async export(tenant: Tenant, input: z.output<typeof customerExportInput>): Promise<CustomerExport> {
      const scope = forTenant(db, tenant.id);
      const customer = await customerOf(scope, input);
      const subject = await subjectOf(scope, customer);
      const parts = await Promise.all(personalDataSources.map(async (source) => [source.name, await source.export(scope, subject)] as const));
      return {
        schemaVersion: customerExportVersion,
        generatedAt: new Date(now()).toISOString(),
        business: { id: tenant.id, name: tenant.name },
        customer: {
          id: customer.id,
          name: customer.name,
          email: customer.email,
          phone: customer.phone,
          timeZone: customer.timeZone,
          locale: customer.locale,
          createdAt: new Date(customer.createdAt).toISOString(),
          erasedAt: customer.erasedAt === null ? null : new Date(customer.erasedAt).toISOString(),
        },
        sources: Object.fromEntries(parts),
      };
    },

    /**
     * Erases one customer in one transaction: appointments kept and anonymised, messages removed with the jobs that
     * would send them, the customer's row anonymised. Upcoming appointments are refused (CUSTOMER_HAS_UPCOMING, naming
     * them) unless `cancelUpcoming`, which cancels them without telling the customer. Erasing again changes nothing.
     */
    async erase(tenant: Tenant, input: z.output<typeof customerEraseInput>) {
      const { id } = await customerOf(forTenant(db, tenant.id), input);
      const recordingsToRemove: string[] = [];
      const erased = await db.transaction(async (tx) => {
        const scope = forTenant(tx, tenant.id);
        const customer = (await scope.customer(id))!;
        const tally: ErasureTally = { appointmentsAnonymised: 0, messagesRemoved: 0, jobsCancelled: 0 };
        if (customer.erasedAt !== null) return { customerId: id, erased: false, appointmentsCancelled: [], ...tally };
        const current = now();
        const upcoming = (await scope.customerAppointments(id))
          .map((row) => row.appointment)
          .filter((appointment) => (appointment.status === "pending" || appointment.status === "confirmed") && appointment.startAt > current);
        if (upcoming.length > 0 && !input.cancelUpcoming) {
          throw new FrontdeskError(
            "CUSTOMER_HAS_UPCOMING",
            `This customer has ${upcoming.length} upcoming appointment(s): ${upcoming.map((appointment) => appointment.id).join(", ")}. Cancel them first, or erase with cancelUpcoming: true.`,
            { field: "cancelUpcoming" },
          );
        }
        const subject = { ...(await subjectOf(scope, customer)), recordingsToRemove };
        for (const source of personalDataSources) {
          const done = await source.erase(scope, subject, current);
          for (const key of Object.keys(done) as (keyof ErasureTally)[]) tally[key] += done[key] ?? 0;
        }
        // After the anonymising, so that the cancellation's reason stays: it says nothing about the person.
        const cancelled = await scope.cancelUpcomingOf(id, current, erasureCancellation);
        for (const appointmentId of cancelled) await scope.recordEvent({ appointmentId, at: current, actor: "system", action: "cancelled" });
        await scope.forgetAuditOrigins("manageLink", subject.appointmentIds);
        await scope.anonymiseCustomer(id, current);
        return { customerId: id, erased: true, appointmentsCancelled: cancelled, ...tally };
      });
      for (const key of recordingsToRemove) await recordings?.remove(key);
      return erased;
    },
  };
}

export type PrivacyService = ReturnType<typeof privacyService>;
