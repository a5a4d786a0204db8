import { and, asc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { DrizzleDb } from "../client";
import { randomId } from "../ids";
import { businessHours, dateOverrides, timeOff, workingHours } from "../schema/schedules";
import { holidays, locations } from "../schema/tenants";
import { atomically } from "./batch";

export type WorkingHours = typeof workingHours.$inferSelect;
export type DateOverride = typeof dateOverrides.$inferSelect;
export type Location = typeof locations.$inferSelect;
/** A range in minutes after local midnight on one weekday (0 = Sunday). */
export interface WeeklyRange {
  weekday: number;
  startMin: number;
  endMin: number;
}
export interface MinuteRange {
  start: number;
  end: number;
}

const sameLocation = (column: typeof workingHours.locationId | typeof businessHours.locationId, locationId: string | null) =>
  locationId === null ? isNull(column) : eq(column, locationId);

/** One tenant's hours, closures, absences and locations: reads. */
export function scheduleReads(orm: DrizzleDb, tenantId: string) {
  return {
    holidays(from: string, to: string) {
      return orm
        .select({ date: holidays.date, name: holidays.name, startMin: holidays.startMin, endMin: holidays.endMin })
        .from(holidays)
        .where(and(eq(holidays.tenantId, tenantId), gte(holidays.date, from), lte(holidays.date, to)))
        .orderBy(asc(holidays.date), asc(holidays.startMin));
    },

    /** Opening hours: a location's own when it has any, else the business's. */
    async businessHours(locationId?: string) {
      const rows = await orm
        .select({ locationId: businessHours.locationId, weekday: businessHours.weekday, startMin: businessHours.startMin, endMin: businessHours.endMin })
        .from(businessHours)
        .where(
          and(
            eq(businessHours.tenantId, tenantId),
            locationId ? or(isNull(businessHours.locationId), eq(businessHours.locationId, locationId)) : isNull(businessHours.locationId),
          ),
        )
        .orderBy(asc(businessHours.weekday), asc(businessHours.startMin));
      const own = rows.filter((row) => row.locationId !== null);
      return own.length > 0 ? own : rows;
    },

    locations(): Promise<Location[]> {
      return orm.select().from(locations).where(eq(locations.tenantId, tenantId)).orderBy(asc(locations.position), asc(locations.name));
    },

    async location(id: string): Promise<Location | undefined> {
      const [row] = await orm.select().from(locations).where(and(eq(locations.tenantId, tenantId), eq(locations.id, id)));
      return row;
    },

    /** The staff members' weekly hours; with a location, those there and those tied to none. */
    workingHours(staffIds: string[], locationId?: string): Promise<WorkingHours[]> {
      if (staffIds.length === 0) return Promise.resolve([]);
      return orm
        .select()
        .from(workingHours)
        .where(
          and(
            eq(workingHours.tenantId, tenantId),
            inArray(workingHours.staffId, staffIds),
            // Hours tied to no location count everywhere.
            locationId ? or(isNull(workingHours.locationId), eq(workingHours.locationId, locationId)) : undefined,
          ),
        )
        .orderBy(asc(workingHours.startMin));
    },

    /** The staff members' hours for particular dates, replacing their weekly ones there. */
    dateOverrides(staffIds: string[], fromDate: string, toDate: string): Promise<DateOverride[]> {
      if (staffIds.length === 0) return Promise.resolve([]);
      return orm
        .select()
        .from(dateOverrides)
        .where(and(eq(dateOverrides.tenantId, tenantId), inArray(dateOverrides.staffId, staffIds), gte(dateOverrides.date, fromDate), lte(dateOverrides.date, toDate)))
        .orderBy(asc(dateOverrides.startMin));
    },

    /** One absence of the tenant's, by id: whose it is, before a staff member removes it. */
    async timeOffEntry(id: string) {
      const [row] = await orm.select().from(timeOff).where(and(eq(timeOff.tenantId, tenantId), eq(timeOff.id, id)));
      return row;
    },
  };
}

/** One tenant's hours, closures, absences and locations: writes, only on a Writer's scope. Replacements commit whole. */
export function scheduleWrites(orm: DrizzleDb, tenantId: string) {
  return {
    /** Replaces a staff member's weekly hours at one location, or those tied to none. */
    async replaceStaffHours(staffId: string, locationId: string | null, ranges: WeeklyRange[]) {
      const rows = ranges.map((range) => ({ ...range, tenantId, id: randomId("wh"), staffId, locationId }));
      await atomically(orm, [
        orm.delete(workingHours).where(and(eq(workingHours.tenantId, tenantId), eq(workingHours.staffId, staffId), sameLocation(workingHours.locationId, locationId))),
        ...(rows.length ? [orm.insert(workingHours).values(rows)] : []),
      ]);
    },

    /** Replaces the opening hours of the business, or of one location. */
    async replaceBusinessHours(locationId: string | null, ranges: WeeklyRange[]) {
      const rows = ranges.map((range) => ({ ...range, tenantId, id: randomId("bh"), locationId }));
      await atomically(orm, [
        orm.delete(businessHours).where(and(eq(businessHours.tenantId, tenantId), sameLocation(businessHours.locationId, locationId))),
        ...(rows.length ? [orm.insert(businessHours).values(rows)] : []),
      ]);
    },

    async addLocation(id: string, place: { name: string; address: string }) {
      await orm.insert(locations).values({ tenantId, id, name: place.name, address: place.address });
    },

    /** False if the tenant has no such location. */
    async updateLocation(id: string, place: { name: string; address: string }): Promise<boolean> {
      const rows = await orm
        .update(locations)
        .set({ name: place.name, address: place.address })
        .where(and(eq(locations.tenantId, tenantId), eq(locations.id, id)))
        .returning({ id: locations.id });
      return rows.length > 0;
    },

    /** Removes a location with its location-specific hours; false if the tenant has no such location. */
    async removeLocation(id: string): Promise<boolean> {
      const rows = await orm.delete(locations).where(and(eq(locations.tenantId, tenantId), eq(locations.id, id))).returning({ id: locations.id });
      return rows.length > 0;
    },

    /** The staff member's hours on one date; no ranges marks the day off. */
    async replaceDateOverride(staffId: string, date: string, ranges: MinuteRange[]) {
      const base = { tenantId, staffId, date };
      const rows = ranges.length
        ? ranges.map((range) => ({ ...base, id: randomId("ovr"), startMin: range.start, endMin: range.end }))
        : [{ ...base, id: randomId("ovr"), startMin: null, endMin: null }];
      await atomically(orm, [
        orm.delete(dateOverrides).where(and(eq(dateOverrides.tenantId, tenantId), eq(dateOverrides.staffId, staffId), eq(dateOverrides.date, date))),
        orm.insert(dateOverrides).values(rows),
      ]);
    },

    /** False if the staff member had no hours set for that date alone. */
    async clearDateOverride(staffId: string, date: string): Promise<boolean> {
      const rows = await orm
        .delete(dateOverrides)
        .where(and(eq(dateOverrides.tenantId, tenantId), eq(dateOverrides.staffId, staffId), eq(dateOverrides.date, date)))
        .returning({ id: dateOverrides.id });
      return rows.length > 0;
    },

    async addTimeOff(id: string, absence: { staffId: string; startAt: number; endAt: number; reason: string }) {
      await orm.insert(timeOff).values({ ...absence, tenantId, id });
    },

    /** False if the tenant has no such time off. */
    async removeTimeOff(id: string): Promise<boolean> {
      const rows = await orm.delete(timeOff).where(and(eq(timeOff.tenantId, tenantId), eq(timeOff.id, id))).returning({ id: timeOff.id });
      return rows.length > 0;
    },

    /** The business's closure on one date; with ranges, its special hours there. */
    async replaceHoliday(date: string, name: string, ranges: MinuteRange[]) {
      const base = { tenantId, date, name };
      const rows = ranges.length
        ? ranges.map((range) => ({ ...base, id: randomId("hol"), startMin: range.start, endMin: range.end }))
        : [{ ...base, id: randomId("hol"), startMin: null, endMin: null }];
      await atomically(orm, [orm.delete(holidays).where(and(eq(holidays.tenantId, tenantId), eq(holidays.date, date))), orm.insert(holidays).values(rows)]);
    },

    /** False if there was no holiday on that date. */
    async removeHoliday(date: string): Promise<boolean> {
      const rows = await orm.delete(holidays).where(and(eq(holidays.tenantId, tenantId), eq(holidays.date, date))).returning({ id: holidays.id });
      return rows.length > 0;
    },
  };
}
