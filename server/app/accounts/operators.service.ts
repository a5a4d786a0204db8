import { FrontdeskError } from "@frontdesk/core";
import { listTenants, listUsers, serverUsage, setTenantSuspended, setUserSuspended, usageOfTenants, type Db } from "@frontdesk/db";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const days30 = 30 * 24 * 3_600_000;

/** What the people who run this server do: see every business and person, their usage, and suspend or reactivate them. */
export function operatorsService(deps: { db: Db; now: () => number; adminEmails: readonly string[] }) {
  const { db, now } = deps;
  const admins = new Set(deps.adminEmails.map((email) => email.trim().toLowerCase()));

  return {
    /** Whether a person is an operator: their address is in `FRONTDESK_ADMIN_EMAILS` and proven. */
    isOperator: (user: { email: string; emailVerified: boolean }) => user.emailVerified && admins.has(user.email.toLowerCase()),

    async businesses(page: { after?: string; limit: number; search?: string }) {
      const rows = await listTenants(db, page);
      const usage = await usageOfTenants(db, rows.map((row) => row.id), now() - days30);
      return {
        businesses: rows.map((tenant) => {
          const counts = usage.get(tenant.id)!;
          return {
            id: tenant.id,
            name: tenant.name,
            sandbox: tenant.sandbox,
            createdAt: iso(tenant.createdAt)!,
            suspendedAt: iso(tenant.suspendedAt),
            usage: { members: counts.members, appointments: counts.appointments, appointmentsLast30Days: counts.appointmentsSince, messagesSent: counts.messagesSent },
          };
        }),
        next: rows.length === page.limit ? rows.at(-1)!.id : null,
      };
    },

    async people(page: { after?: string; limit: number; search?: string }) {
      const rows = await listUsers(db, page);
      return {
        people: rows.map((user) => ({
          id: user.id,
          name: user.name,
          email: user.email,
          emailVerified: user.emailVerified,
          twoFactorEnabled: user.twoFactorEnabled ?? false,
          businesses: Number(user.businesses),
          createdAt: user.createdAt.toISOString(),
          suspendedAt: iso(user.suspendedAt),
        })),
        next: rows.length === page.limit ? rows.at(-1)!.id : null,
      };
    },

    async usage() {
      const { appointmentsSince, ...rest } = await serverUsage(db, now() - days30);
      return { ...rest, appointmentsLast30Days: appointmentsSince };
    },

    /** Its keys answer BUSINESS_SUSPENDED (within the 10 s the key cache keeps a business), its members likewise. */
    async suspendBusiness(businessId: string, suspended: boolean): Promise<void> {
      const found = await db.write((writer) => setTenantSuspended(writer, businessId, suspended ? now() : null));
      if (!found) throw new FrontdeskError("NOT_FOUND", "There is no business with that id on this server.", { field: "businessId" });
    },

    /** A suspended person's sessions end at once, and they cannot sign in until reactivated. */
    async suspendPerson(userId: string, suspended: boolean): Promise<void> {
      const found = await db.write((writer) => setUserSuspended(writer, userId, suspended ? now() : null));
      if (!found) throw new FrontdeskError("NOT_FOUND", "There is no person with that id on this server.", { field: "userId" });
    },
  };
}

export type OperatorsService = ReturnType<typeof operatorsService>;
