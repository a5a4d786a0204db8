import { and, asc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { DrizzleDb } from "../client";
import { services, staff, staffServices } from "../schema/catalog";
import { atomically } from "./batch";

export type Service = typeof services.$inferSelect;
export type StaffMember = typeof staff.$inferSelect;
export type ServiceFields = Omit<typeof services.$inferInsert, "tenantId" | "id" | "active">;
export type StaffFields = Omit<typeof staff.$inferInsert, "tenantId" | "id" | "active">;

const staffColumns = getTableColumns(staff);

/** One tenant's services and staff, and who performs what: reads. */
export function catalogReads(orm: DrizzleDb, tenantId: string) {
  return {
    /** Active services, in display order. */
    services(): Promise<Service[]> {
      return orm
        .select()
        .from(services)
        .where(and(eq(services.tenantId, tenantId), eq(services.active, true)))
        .orderBy(asc(services.position), asc(services.name));
    },

    async service(id: string): Promise<Service | undefined> {
      const [row] = await orm
        .select()
        .from(services)
        .where(and(eq(services.tenantId, tenantId), eq(services.id, id), eq(services.active, true)));
      return row;
    },

    /** Active staff, in display order. */
    staff(): Promise<StaffMember[]> {
      return orm
        .select()
        .from(staff)
        .where(and(eq(staff.tenantId, tenantId), eq(staff.active, true)))
        .orderBy(asc(staff.position), asc(staff.name));
    },

    staffServices(): Promise<{ staffId: string; serviceId: string }[]> {
      return orm.select({ staffId: staffServices.staffId, serviceId: staffServices.serviceId }).from(staffServices).where(eq(staffServices.tenantId, tenantId));
    },

    /** Active staff who perform the service, in display order. */
    staffForService(serviceId: string): Promise<StaffMember[]> {
      return orm
        .select(staffColumns)
        .from(staff)
        .innerJoin(staffServices, and(eq(staffServices.staffId, staff.id), eq(staffServices.tenantId, tenantId)))
        .where(and(eq(staff.tenantId, tenantId), eq(staff.active, true), eq(staffServices.serviceId, serviceId)))
        .orderBy(asc(staff.position), asc(staff.name));
    },

    /** Which of these service or staff ids, archived ones included, this tenant does not have. */
    async missingIds(kind: "service" | "staff", ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const table = kind === "service" ? services : staff;
      const found = await orm.select({ id: table.id }).from(table).where(and(eq(table.tenantId, tenantId), inArray(table.id, ids)));
      return ids.filter((id) => !found.some((row) => row.id === id));
    },
  };
}

/** One tenant's services and staff: writes, only on a Writer's scope. Each replacement commits whole or not at all. */
export function catalogWrites(orm: DrizzleDb, tenantId: string) {
  return {
    /** Adds the service (`isNew`) or changes and reactivates it; `staffIds`, when given, replace who performs it. */
    async saveService(id: string, fields: ServiceFields, options: { isNew: boolean; staffIds?: string[] }) {
      const { isNew, staffIds } = options;
      const links = and(eq(staffServices.tenantId, tenantId), eq(staffServices.serviceId, id));
      await atomically(orm, [
        isNew
          ? orm.insert(services).values({ ...fields, tenantId, id })
          : orm.update(services).set({ ...fields, active: true }).where(and(eq(services.tenantId, tenantId), eq(services.id, id))),
        ...(staffIds ? [orm.delete(staffServices).where(links)] : []),
        ...(staffIds?.length ? [orm.insert(staffServices).values(staffIds.map((staffId) => ({ tenantId, staffId, serviceId: id })))] : []),
      ]);
    },

    /** Adds the staff member (`isNew`) or changes and reactivates them; `serviceIds`, when given, replace what they perform. */
    async saveStaff(id: string, fields: StaffFields, options: { isNew: boolean; serviceIds?: string[] }) {
      const { isNew, serviceIds } = options;
      const links = and(eq(staffServices.tenantId, tenantId), eq(staffServices.staffId, id));
      await atomically(orm, [
        isNew
          ? orm.insert(staff).values({ ...fields, tenantId, id })
          : orm.update(staff).set({ ...fields, active: true }).where(and(eq(staff.tenantId, tenantId), eq(staff.id, id))),
        ...(serviceIds ? [orm.delete(staffServices).where(links)] : []),
        ...(serviceIds?.length ? [orm.insert(staffServices).values(serviceIds.map((serviceId) => ({ tenantId, staffId: id, serviceId })))] : []),
      ]);
    },

    /** Takes a service or staff member out of booking, keeping its past; false if the tenant has no such row. */
    async archive(kind: "service" | "staff", id: string): Promise<boolean> {
      const table = kind === "service" ? services : staff;
      const rows = await orm.update(table).set({ active: false }).where(and(eq(table.tenantId, tenantId), eq(table.id, id))).returning({ id: table.id });
      return rows.length > 0;
    },
  };
}
