import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import {
  FrontdeskError,
  weekdayNames,
  type businessPolicies,
  type dateOverrideConfig,
  type holidayConfig,
  type serviceConfig,
  type staffConfig,
  type timeOffConfig,
  type weeklyHours,
} from "@frontdesk/core";
import {
  businessHours,
  dateOverrides,
  holidays,
  locations,
  publishableKeys,
  secretKeys,
  services,
  staff,
  staffServices,
  tenants,
  timeOff,
  workingHours,
  type Db,
  type DrizzleDb,
  randomId,
} from "@frontdesk/db";
import type { BatchItem } from "drizzle-orm/batch";

type Weekly = z.output<typeof weeklyHours>;

const toClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Configuration of one business: services, staff, hours, holidays, policies and keys. Every change is validated first. */
export function configService(db: Db, now: () => number) {
  async function ensureIds(tenantId: string, table: typeof services | typeof staff, ids: string[], field: string) {
    if (ids.length === 0) return;
    const found = await db.orm.select({ id: table.id }).from(table).where(and(eq(table.tenantId, tenantId), inArray(table.id, ids)));
    const missing = ids.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0) {
      const [code, kind] = table === services ? (["UNKNOWN_SERVICE", "service"] as const) : (["UNKNOWN_STAFF", "staff member"] as const);
      throw new FrontdeskError(code, `This business has no ${kind} with the id ${missing.join(", ")}.`, { field });
    }
  }

  async function ensureLocation(tenantId: string, locationId: string | null) {
    if (locationId === null) return;
    const [row] = await db.orm.select({ id: locations.id }).from(locations).where(and(eq(locations.tenantId, tenantId), eq(locations.id, locationId)));
    if (!row) throw new FrontdeskError("UNKNOWN_LOCATION", "There is no location with that id.", { field: "locationId" });
  }

  const sameLocation = (column: typeof workingHours.locationId | typeof businessHours.locationId, locationId: string | null) =>
    locationId === null ? isNull(column) : eq(column, locationId);

  const weeklyRows = (weekly: Weekly) =>
    weekdayNames.flatMap((name, weekday) => (weekly[name] ?? []).map((range) => ({ weekday, startMin: range.start, endMin: range.end })));

  const weeklyOut = (rows: { weekday: number; startMin: number; endMin: number }[]) => {
    const out: Partial<Record<(typeof weekdayNames)[number], { start: string; end: string }[]>> = {};
    for (const row of [...rows].sort((a, b) => a.weekday - b.weekday || a.startMin - b.startMin)) {
      (out[weekdayNames[row.weekday]!] ??= []).push({ start: toClock(row.startMin), end: toClock(row.endMin) });
    }
    return out;
  };

  return {
    /** The whole configuration, in the same shapes the setters take. */
    async get(tenantId: string) {
      const orm = db.orm;
      const today = new Date(now()).toISOString().slice(0, 10);
      const [[tenant], serviceRows, staffRows, links, hours, business, overrides, absences, holidayRows, keys, places] = await Promise.all([
        orm.select().from(tenants).where(eq(tenants.id, tenantId)),
        orm.select().from(services).where(eq(services.tenantId, tenantId)).orderBy(asc(services.position)),
        orm.select().from(staff).where(eq(staff.tenantId, tenantId)).orderBy(asc(staff.position)),
        orm.select().from(staffServices).where(eq(staffServices.tenantId, tenantId)),
        orm.select().from(workingHours).where(eq(workingHours.tenantId, tenantId)),
        orm.select().from(businessHours).where(eq(businessHours.tenantId, tenantId)),
        orm.select().from(dateOverrides).where(and(eq(dateOverrides.tenantId, tenantId), gte(dateOverrides.date, today))),
        orm.select().from(timeOff).where(and(eq(timeOff.tenantId, tenantId), gte(timeOff.endAt, now()))),
        orm.select().from(holidays).where(and(eq(holidays.tenantId, tenantId), gte(holidays.date, today))).orderBy(asc(holidays.date)),
        orm.select().from(publishableKeys).where(eq(publishableKeys.tenantId, tenantId)),
        orm.select().from(locations).where(eq(locations.tenantId, tenantId)).orderBy(asc(locations.position)),
      ]);
      if (!tenant) throw new FrontdeskError("NOT_FOUND", "This business no longer exists.");
      const { id: _id, createdAt: _created, ...policies } = tenant;
      return {
        business: policies,
        services: serviceRows.map(({ tenantId: _t, ...service }) => ({
          ...service,
          staffIds: links.filter((link) => link.serviceId === service.id).map((link) => link.staffId),
        })),
        staff: staffRows.map(({ tenantId: _t, ...member }) => ({
          ...member,
          serviceIds: links.filter((link) => link.staffId === member.id).map((link) => link.serviceId),
          hours: weeklyOut(hours.filter((row) => row.staffId === member.id && row.locationId === null)),
          hoursByLocation: places
            .map((place) => ({ locationId: place.id, hours: weeklyOut(hours.filter((row) => row.staffId === member.id && row.locationId === place.id)) }))
            .filter((entry) => Object.keys(entry.hours).length > 0),
          dateOverrides: [...groupBy(overrides.filter((row) => row.staffId === member.id), (row) => row.date)].map(([date, rows]) => ({
            date,
            ranges: rows.filter((row) => row.startMin !== null).map((row) => ({ start: toClock(row.startMin!), end: toClock(row.endMin!) })),
          })),
          timeOff: absences
            .filter((row) => row.staffId === member.id)
            .map((row) => ({ id: row.id, start: new Date(row.startAt).toISOString(), end: new Date(row.endAt).toISOString(), reason: row.reason })),
        })),
        businessHours: weeklyOut(business.filter((row) => row.locationId === null)),
        locations: places.map(({ tenantId: _t, ...place }) => ({ ...place, businessHours: weeklyOut(business.filter((row) => row.locationId === place.id)) })),
        holidays: [...groupBy(holidayRows, (row) => row.date)].map(([date, rows]) => ({
          date,
          name: rows[0]!.name,
          ranges: rows.filter((row) => row.startMin !== null).map((row) => ({ start: toClock(row.startMin!), end: toClock(row.endMin!) })),
        })),
        publishableKeys: keys.map((key) => ({ key: key.key, allowedOrigins: key.allowedOrigins, revoked: key.revokedAt !== null })),
      };
    },

    async updatePolicies(tenantId: string, patch: z.output<typeof businessPolicies>) {
      if (Object.keys(patch).length === 0) return;
      await db.write((orm) => orm.update(tenants).set(patch).where(eq(tenants.id, tenantId)));
    },

    async saveService(tenantId: string, input: z.output<typeof serviceConfig>): Promise<{ id: string }> {
      const { staffIds, id: given, ...fields } = input;
      await ensureIds(tenantId, staff, staffIds ?? [], "staffIds");
      if (given) await ensureIds(tenantId, services, [given], "id");
      const id = given ?? randomId("svc");
      const ownRow = and(eq(services.tenantId, tenantId), eq(services.id, id));
      const links = and(eq(staffServices.tenantId, tenantId), eq(staffServices.serviceId, id));
      await db.write((orm) =>
        atomically(orm, [
          given ? orm.update(services).set({ ...fields, active: true }).where(ownRow) : orm.insert(services).values({ ...fields, tenantId, id }),
          ...(staffIds ? [orm.delete(staffServices).where(links)] : []),
          ...(staffIds?.length ? [orm.insert(staffServices).values(staffIds.map((staffId) => ({ tenantId, staffId, serviceId: id })))] : []),
        ]),
      );
      return { id };
    },

    async saveStaff(tenantId: string, input: z.output<typeof staffConfig>): Promise<{ id: string }> {
      const { serviceIds, id: given, ...fields } = input;
      await ensureIds(tenantId, services, serviceIds ?? [], "serviceIds");
      if (given) await ensureIds(tenantId, staff, [given], "id");
      const id = given ?? randomId("stf");
      const ownRow = and(eq(staff.tenantId, tenantId), eq(staff.id, id));
      const links = and(eq(staffServices.tenantId, tenantId), eq(staffServices.staffId, id));
      await db.write((orm) =>
        atomically(orm, [
          given ? orm.update(staff).set({ ...fields, active: true }).where(ownRow) : orm.insert(staff).values({ ...fields, tenantId, id }),
          ...(serviceIds ? [orm.delete(staffServices).where(links)] : []),
          ...(serviceIds?.length ? [orm.insert(staffServices).values(serviceIds.map((serviceId) => ({ tenantId, staffId: id, serviceId })))] : []),
        ]),
      );
      return { id };
    },

    /** Archived services and staff disappear from booking; their past appointments stay. */
    async archive(tenantId: string, kind: "service" | "staff", id: string) {
      const table = kind === "service" ? services : staff;
      const [row] = await db.write((orm) =>
        orm.update(table).set({ active: false }).where(and(eq(table.tenantId, tenantId), eq(table.id, id))).returning({ id: table.id }),
      );
      if (!row) throw new FrontdeskError(kind === "service" ? "UNKNOWN_SERVICE" : "UNKNOWN_STAFF", `There is no ${kind} with that id.`, { field: "id" });
    },

    /** Replaces a staff member's weekly hours (at one location, or those tied to none). */
    async setStaffHours(tenantId: string, staffId: string, weekly: Weekly, locationId: string | null = null) {
      await ensureIds(tenantId, staff, [staffId], "staffId");
      await ensureLocation(tenantId, locationId);
      const rows = weeklyRows(weekly).map((row) => ({ ...row, tenantId, id: randomId("wh"), staffId, locationId }));
      await db.write((orm) =>
        atomically(orm, [
          orm
            .delete(workingHours)
            .where(and(eq(workingHours.tenantId, tenantId), eq(workingHours.staffId, staffId), sameLocation(workingHours.locationId, locationId))),
          ...(rows.length ? [orm.insert(workingHours).values(rows)] : []),
        ]),
      );
    },

    /** Replaces the opening hours of the business, or of one location. */
    async setBusinessHours(tenantId: string, weekly: Weekly, locationId: string | null = null) {
      await ensureLocation(tenantId, locationId);
      const rows = weeklyRows(weekly).map((row) => ({ ...row, tenantId, id: randomId("bh"), locationId }));
      await db.write((orm) =>
        atomically(orm, [
          orm.delete(businessHours).where(and(eq(businessHours.tenantId, tenantId), sameLocation(businessHours.locationId, locationId))),
          ...(rows.length ? [orm.insert(businessHours).values(rows)] : []),
        ]),
      );
    },

    async saveLocation(tenantId: string, input: { id?: string; name: string; address: string }): Promise<{ id: string }> {
      const id = input.id ?? randomId("loc");
      await db.write(async (orm) => {
        if (input.id) {
          const [row] = await orm
            .update(locations)
            .set({ name: input.name, address: input.address })
            .where(and(eq(locations.tenantId, tenantId), eq(locations.id, input.id)))
            .returning({ id: locations.id });
          if (!row) throw new FrontdeskError("UNKNOWN_LOCATION", "There is no location with that id.", { field: "id" });
        } else {
          await orm.insert(locations).values({ tenantId, id, name: input.name, address: input.address });
        }
      });
      return { id };
    },

    /** Removes a location with its location-specific hours; appointments keep their record of where they were. */
    async removeLocation(tenantId: string, id: string) {
      const removed = await db.write((orm) =>
        orm.delete(locations).where(and(eq(locations.tenantId, tenantId), eq(locations.id, id))).returning({ id: locations.id }),
      );
      if (removed.length === 0) throw new FrontdeskError("UNKNOWN_LOCATION", "There is no location with that id.", { field: "id" });
    },

    async setDateOverride(tenantId: string, input: z.output<typeof dateOverrideConfig>) {
      await ensureIds(tenantId, staff, [input.staffId], "staffId");
      const base = { tenantId, staffId: input.staffId, date: input.date };
      const rows = input.ranges.length
        ? input.ranges.map((range) => ({ ...base, id: randomId("ovr"), startMin: range.start, endMin: range.end }))
        : [{ ...base, id: randomId("ovr"), startMin: null, endMin: null }];
      await db.write((orm) =>
        atomically(orm, [
          orm.delete(dateOverrides).where(and(eq(dateOverrides.tenantId, tenantId), eq(dateOverrides.staffId, input.staffId), eq(dateOverrides.date, input.date))),
          orm.insert(dateOverrides).values(rows),
        ]),
      );
    },

    async clearDateOverride(tenantId: string, staffId: string, date: string) {
      await ensureIds(tenantId, staff, [staffId], "staffId");
      const removed = await db.write((orm) =>
        orm
          .delete(dateOverrides)
          .where(and(eq(dateOverrides.tenantId, tenantId), eq(dateOverrides.staffId, staffId), eq(dateOverrides.date, date)))
          .returning({ id: dateOverrides.id }),
      );
      if (removed.length === 0) throw new FrontdeskError("NOT_FOUND", `This staff member has no hours set for ${date} alone.`, { field: "date" });
    },

    async addTimeOff(tenantId: string, input: z.output<typeof timeOffConfig>): Promise<{ id: string }> {
      await ensureIds(tenantId, staff, [input.staffId], "staffId");
      const id = randomId("off");
      await db.write((orm) =>
        orm.insert(timeOff).values({ tenantId, id, staffId: input.staffId, startAt: Date.parse(input.start), endAt: Date.parse(input.end), reason: input.reason }),
      );
      return { id };
    },

    async removeTimeOff(tenantId: string, id: string) {
      const removed = await db.write((orm) => orm.delete(timeOff).where(and(eq(timeOff.tenantId, tenantId), eq(timeOff.id, id))).returning({ id: timeOff.id }));
      if (removed.length === 0) throw new FrontdeskError("NOT_FOUND", "There is no time off with that id.", { field: "id" });
    },

    async setHoliday(tenantId: string, input: z.output<typeof holidayConfig>) {
      const base = { tenantId, date: input.date, name: input.name };
      const rows = input.ranges.length
        ? input.ranges.map((range) => ({ ...base, id: randomId("hol"), startMin: range.start, endMin: range.end }))
        : [{ ...base, id: randomId("hol"), startMin: null, endMin: null }];
      await db.write((orm) =>
        atomically(orm, [orm.delete(holidays).where(and(eq(holidays.tenantId, tenantId), eq(holidays.date, input.date))), orm.insert(holidays).values(rows)]),
      );
    },

    async removeHoliday(tenantId: string, date: string) {
      const removed = await db.write((orm) => orm.delete(holidays).where(and(eq(holidays.tenantId, tenantId), eq(holidays.date, date))).returning({ id: holidays.id }));
      if (removed.length === 0) throw new FrontdeskError("NOT_FOUND", `There is no holiday on ${date}.`, { field: "date" });
    },

    async createPublishableKey(tenantId: string, allowedOrigins: string[]): Promise<{ key: string }> {
      const key = randomId("pk", 24);
      await db.write((orm) => orm.insert(publishableKeys).values({ tenantId, key, allowedOrigins }));
      return { key };
    },

    async revokePublishableKey(tenantId: string, key: string) {
      const [row] = await db.write((orm) =>
        orm
          .update(publishableKeys)
          .set({ revokedAt: now() })
          .where(and(eq(publishableKeys.tenantId, tenantId), eq(publishableKeys.key, key)))
          .returning({ key: publishableKeys.key }),
      );
      if (!row) throw new FrontdeskError("NOT_FOUND", "This business has no publishable key like that.", { field: "key" });
    },

  };
}

export type ConfigService = ReturnType<typeof configService>;

/** Runs the statements as one transaction: a replacement never leaves half the old and half the new behind. */
function atomically(orm: DrizzleDb, statements: BatchItem<"sqlite">[]) {
  return orm.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
