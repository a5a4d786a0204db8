import { and, asc, eq, gte, sql } from "drizzle-orm";
import { ormOf, preparedQuery, type DrizzleDb, type Reader, type Writer } from "../client";
import { services, staff, staffServices } from "../schema/catalog";
import { businessHours, dateOverrides, timeOff, workingHours } from "../schema/schedules";
import { holidays, locations, publishableKeys, tenants } from "../schema/tenants";

export type Tenant = typeof tenants.$inferSelect;
/** The business's own settings: everything on its row but its id and creation time. */
export type TenantPolicies = Partial<Omit<typeof tenants.$inferInsert, "id" | "createdAt">>;

type Rows<T extends { $inferInsert: object }> = Omit<T["$inferInsert"], "tenantId">[];

/** A new business with the set-up it starts with; every row gets the tenant's id. */
export interface NewTenant {
  tenant: typeof tenants.$inferInsert;
  publishableKeys?: Rows<typeof publishableKeys>;
  services?: Rows<typeof services>;
  staff?: Rows<typeof staff>;
  staffServices?: Rows<typeof staffServices>;
  workingHours?: Rows<typeof workingHours>;
  businessHours?: Rows<typeof businessHours>;
  holidays?: Rows<typeof holidays>;
}

/** One tenant's own row and its whole configuration: reads. */
const setupVersionQuery = preparedQuery((orm) => orm.select({ version: tenants.setupVersion }).from(tenants).where(eq(tenants.id, sql.placeholder("tenantId"))));

export function tenantReads(orm: DrizzleDb, tenantId: string) {
  return {
    async tenant(): Promise<Tenant | undefined> {
      const [row] = await orm.select().from(tenants).where(eq(tenants.id, tenantId));
      return row;
    },

    /** The set-up's version now (see `tenants.setupVersion`); undefined if there is no such business. */
    async setupVersion(): Promise<number | undefined> {
      const [row] = await setupVersionQuery(orm).all({ tenantId });
      return row?.version;
    },

    /**
     * Every row of the configuration as staff edit it: archived services and staff too, hours and overrides from
     * `today`, time off not over by `now`.
     */
    async configuration(today: string, now: number) {
      const [[tenant], serviceRows, staffRows, links, hours, business, overrides, absences, holidayRows, keys, places] = await Promise.all([
        orm.select().from(tenants).where(eq(tenants.id, tenantId)),
        orm.select().from(services).where(eq(services.tenantId, tenantId)).orderBy(asc(services.position)),
        orm.select().from(staff).where(eq(staff.tenantId, tenantId)).orderBy(asc(staff.position)),
        orm.select().from(staffServices).where(eq(staffServices.tenantId, tenantId)),
        orm.select().from(workingHours).where(eq(workingHours.tenantId, tenantId)),
        orm.select().from(businessHours).where(eq(businessHours.tenantId, tenantId)),
        orm.select().from(dateOverrides).where(and(eq(dateOverrides.tenantId, tenantId), gte(dateOverrides.date, today))),
        orm.select().from(timeOff).where(and(eq(timeOff.tenantId, tenantId), gte(timeOff.endAt, now))),
        orm.select().from(holidays).where(and(eq(holidays.tenantId, tenantId), gte(holidays.date, today))).orderBy(asc(holidays.date)),
        orm.select().from(publishableKeys).where(eq(publishableKeys.tenantId, tenantId)),
        orm.select().from(locations).where(eq(locations.tenantId, tenantId)).orderBy(asc(locations.position)),
      ]);
      if (!tenant) return undefined;
      return { tenant, services: serviceRows, staff: staffRows, staffServices: links, workingHours: hours, businessHours: business, dateOverrides: overrides, timeOff: absences, holidays: holidayRows, publishableKeys: keys, locations: places };
    },
  };
}

/** One tenant's own row: writes, only on a Writer's scope. */
export function tenantWrites(orm: DrizzleDb, tenantId: string) {
  return {
    async updatePolicies(patch: TenantPolicies) {
      if (Object.keys(patch).length === 0) return;
      await orm.update(tenants).set(patch).where(eq(tenants.id, tenantId));
    },
  };
}

/** Adds a business and its starting set-up in one transaction. */
export async function createTenant(writer: Writer, created: NewTenant): Promise<void> {
  const orm = ormOf(writer);
  const tenantId = created.tenant.id;
  const own = <T extends object>(rows: T[] | undefined) => (rows ?? []).map((row) => ({ ...row, tenantId }));
  const statements = [
    orm.insert(tenants).values(created.tenant),
    ...(created.publishableKeys?.length ? [orm.insert(publishableKeys).values(own(created.publishableKeys))] : []),
    ...(created.services?.length ? [orm.insert(services).values(own(created.services))] : []),
    ...(created.staff?.length ? [orm.insert(staff).values(own(created.staff))] : []),
    ...(created.staffServices?.length ? [orm.insert(staffServices).values(own(created.staffServices))] : []),
    ...(created.workingHours?.length ? [orm.insert(workingHours).values(own(created.workingHours))] : []),
    ...(created.businessHours?.length ? [orm.insert(businessHours).values(own(created.businessHours))] : []),
    ...(created.holidays?.length ? [orm.insert(holidays).values(own(created.holidays))] : []),
  ];
  // A transaction's connection has no batch: there the statements run one by one, committed together all the same.
  if (typeof orm.batch !== "function") for (const statement of statements) await statement;
  else await orm.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
}

/** Whether the database holds any business yet. */
export async function hasTenants(db: Reader): Promise<boolean> {
  const rows = await ormOf(db).select({ id: tenants.id }).from(tenants).limit(1);
  return rows.length > 0;
}
