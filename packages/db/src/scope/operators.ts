import { and, asc, count, eq, gt, gte, inArray, or, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { ormOf, type Reader, type Writer } from "../client";
import { members, sessions, users } from "../schema/accounts";
import { appointments } from "../schema/appointments";
import { notifications } from "../schema/notifications";
import { tenants } from "../schema/tenants";
import type { Tenant } from "./tenants";
import type { User } from "./members";

// What the people who run this server see across every business: lists, usage, suspension. Never a tenant's scope.

export interface Page {
  /** The id after which the page starts (ids sort in creation order only roughly; the order is by id). */
  after?: string;
  limit: number;
  /** Part of a name (or, for people, an e-mail address). */
  search?: string;
}

/** `column` contains `text`, taken literally (`%` and `_` in it match themselves). */
const contains = (column: SQLiteColumn, text: string) => sql`${column} like ${`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`;

export function listTenants(db: Reader, page: Page): Promise<Tenant[]> {
  const where = and(page.after ? gt(tenants.id, page.after) : undefined, page.search ? contains(tenants.name, page.search) : undefined);
  return ormOf(db).select().from(tenants).where(where).orderBy(asc(tenants.id)).limit(page.limit);
}

export interface TenantUsage {
  tenantId: string;
  members: number;
  appointments: number;
  appointmentsSince: number;
  messagesSent: number;
}

/** Counts per business: members, appointments (all, and made since `since`), customer messages sent. */
export async function usageOfTenants(db: Reader, tenantIds: string[], since: number): Promise<Map<string, TenantUsage>> {
  const orm = ormOf(db);
  const usage = new Map(tenantIds.map((tenantId) => [tenantId, { tenantId, members: 0, appointments: 0, appointmentsSince: 0, messagesSent: 0 }]));
  if (tenantIds.length === 0) return usage;
  const [memberRows, appointmentRows, messageRows] = await Promise.all([
    orm.select({ tenantId: members.tenantId, n: count() }).from(members).where(inArray(members.tenantId, tenantIds)).groupBy(members.tenantId),
    orm
      .select({ tenantId: appointments.tenantId, n: count(), since: sql<number>`sum(case when ${appointments.createdAt} >= ${since} then 1 else 0 end)` })
      .from(appointments)
      .where(and(inArray(appointments.tenantId, tenantIds), sql`${appointments.status} <> 'held'`))
      .groupBy(appointments.tenantId),
    orm
      .select({ tenantId: notifications.tenantId, n: count() })
      .from(notifications)
      .where(and(inArray(notifications.tenantId, tenantIds), eq(notifications.status, "sent")))
      .groupBy(notifications.tenantId),
  ]);
  for (const row of memberRows) usage.get(row.tenantId)!.members = row.n;
  for (const row of appointmentRows) Object.assign(usage.get(row.tenantId)!, { appointments: row.n, appointmentsSince: Number(row.since ?? 0) });
  for (const row of messageRows) usage.get(row.tenantId)!.messagesSent = row.n;
  return usage;
}

/** False if there is no such business. */
export async function setTenantSuspended(writer: Writer, tenantId: string, at: number | null): Promise<boolean> {
  const rows = await ormOf(writer).update(tenants).set({ suspendedAt: at }).where(eq(tenants.id, tenantId)).returning({ id: tenants.id });
  return rows.length > 0;
}

export function listUsers(db: Reader, page: Page): Promise<(User & { businesses: number })[]> {
  return ormOf(db)
    .select({ ...userColumns, businesses: sql<number>`(select count(*) from "members" where "members"."user_id" = "users"."id")` })
    .from(users)
    .where(and(page.after ? gt(users.id, page.after) : undefined, page.search ? or(contains(users.name, page.search), contains(users.email, page.search)) : undefined))
    .orderBy(asc(users.id))
    .limit(page.limit);
}

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  emailVerified: users.emailVerified,
  image: users.image,
  locale: users.locale,
  timeZone: users.timeZone,
  twoFactorEnabled: users.twoFactorEnabled,
  suspendedAt: users.suspendedAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** Suspends (ending every session) or reactivates a person; false if there is no such person. */
export async function setUserSuspended(writer: Writer, userId: string, at: number | null): Promise<boolean> {
  const orm = ormOf(writer);
  const rows = await orm.update(users).set({ suspendedAt: at }).where(eq(users.id, userId)).returning({ id: users.id });
  if (at !== null) await orm.delete(sessions).where(eq(sessions.userId, userId));
  return rows.length > 0;
}

export interface ServerUsage {
  businesses: number;
  suspendedBusinesses: number;
  people: number;
  appointmentsSince: number;
}

export async function serverUsage(db: Reader, since: number): Promise<ServerUsage> {
  const orm = ormOf(db);
  const [[business], [people], [recent]] = await Promise.all([
    orm.select({ n: count(), suspended: sql<number>`sum(case when ${tenants.suspendedAt} is not null then 1 else 0 end)` }).from(tenants),
    orm.select({ n: count() }).from(users),
    orm
      .select({ n: count() })
      .from(appointments)
      .where(and(gte(appointments.createdAt, since), sql`${appointments.status} <> 'held'`)),
  ]);
  return { businesses: business?.n ?? 0, suspendedBusinesses: Number(business?.suspended ?? 0), people: people?.n ?? 0, appointmentsSince: recent?.n ?? 0 };
}
