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
import { forTenant, type Db, type TenantWriteScope, randomId } from "@frontdesk/db";

type Weekly = z.output<typeof weeklyHours>;

const toClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Configuration of one business: services, staff, hours, holidays and policies (keys: `keys/keys.service.ts`). Every change is validated first. */
export function configService(db: Db, now: () => number) {
  async function ensureIds(tenantId: string, kind: "service" | "staff", ids: string[], field: string) {
    const missing = await forTenant(db, tenantId).missingIds(kind, ids);
    if (missing.length > 0) {
      const [code, name] = kind === "service" ? (["UNKNOWN_SERVICE", "service"] as const) : (["UNKNOWN_STAFF", "staff member"] as const);
      throw new FrontdeskError(code, `This business has no ${name} with the id ${missing.join(", ")}.`, { field });
    }
  }

  async function ensureLocation(tenantId: string, locationId: string | null) {
    if (locationId === null) return;
    if (!(await forTenant(db, tenantId).location(locationId))) throw new FrontdeskError("UNKNOWN_LOCATION", "There is no location with that id.", { field: "locationId" });
  }

  /** Runs `work` on the tenant's write scope, inside the serialised write. */
  const writing = <T>(tenantId: string, work: (scope: TenantWriteScope) => Promise<T>) => db.write((writer) => work(forTenant(writer, tenantId)));

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
      const today = new Date(now()).toISOString().slice(0, 10);
      const configuration = await forTenant(db, tenantId).configuration(today, now());
      if (!configuration) throw new FrontdeskError("NOT_FOUND", "This business no longer exists.");
      const { tenant, services: serviceRows, staff: staffRows, staffServices: links, workingHours: hours, businessHours: business } = configuration;
      const { dateOverrides: overrides, timeOff: absences, holidays: holidayRows, publishableKeys: keys, locations: places } = configuration;
      const { id: _id, createdAt: _created, suspendedAt: _suspended, setupVersion: _version, ...policies } = tenant;
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
      await writing(tenantId, (scope) => scope.updatePolicies(patch));
    },

    async saveService(tenantId: string, input: z.output<typeof serviceConfig>): Promise<{ id: string }> {
      const { staffIds, id: given, ...fields } = input;
      await ensureIds(tenantId, "staff", staffIds ?? [], "staffIds");
      if (given) await ensureIds(tenantId, "service", [given], "id");
      const id = given ?? randomId("svc");
      await writing(tenantId, (scope) => scope.saveService(id, fields, { isNew: !given, ...(staffIds ? { staffIds } : {}) }));
      return { id };
    },

    async saveStaff(tenantId: string, input: z.output<typeof staffConfig>): Promise<{ id: string }> {
      const { serviceIds, id: given, ...fields } = input;
      await ensureIds(tenantId, "service", serviceIds ?? [], "serviceIds");
      if (given) await ensureIds(tenantId, "staff", [given], "id");
      const id = given ?? randomId("stf");
      await writing(tenantId, (scope) => scope.saveStaff(id, fields, { isNew: !given, ...(serviceIds ? { serviceIds } : {}) }));
      return { id };
    },

    /** Archived services and staff disappear from booking; their past appointments stay. */
    async archive(tenantId: string, kind: "service" | "staff", id: string) {
      if (!(await writing(tenantId, (scope) => scope.archive(kind, id)))) {
        throw new FrontdeskError(kind === "service" ? "UNKNOWN_SERVICE" : "UNKNOWN_STAFF", `There is no ${kind} with that id.`, { field: "id" });
      }
    },

    /** Replaces a staff member's weekly hours (at one location, or those tied to none). */
    async setStaffHours(tenantId: string, staffId: string, weekly: Weekly, locationId: string | null = null) {
      await ensureIds(tenantId, "staff", [staffId], "staffId");
      await ensureLocation(tenantId, locationId);
      await writing(tenantId, (scope) => scope.replaceStaffHours(staffId, locationId, weeklyRows(weekly)));
    },

    /** Replaces the opening hours of the business, or of one location. */
    async setBusinessHours(tenantId: string, weekly: Weekly, locationId: string | null = null) {
      await ensureLocation(tenantId, locationId);
      await writing(tenantId, (scope) => scope.replaceBusinessHours(locationId, weeklyRows(weekly)));
    },

    async saveLocation(tenantId: string, input: { id?: string; name: string; address: string }): Promise<{ id: string }> {
      const id = input.id ?? randomId("loc");
      const place = { name: input.name, address: input.address };
      await writing(tenantId, async (scope) => {
        if (!input.id) return scope.addLocation(id, place);
        if (!(await scope.updateLocation(input.id, place))) throw new FrontdeskError("UNKNOWN_LOCATION", "There is no location with that id.", { field: "id" });
      });
      return { id };
    },

    /** Removes a location with its location-specific hours; appointments keep their record of where they were. */
    async removeLocation(tenantId: string, id: string) {
      if (!(await writing(tenantId, (scope) => scope.removeLocation(id)))) {
        throw new FrontdeskError("UNKNOWN_LOCATION", "There is no location with that id.", { field: "id" });
      }
    },

    async setDateOverride(tenantId: string, input: z.output<typeof dateOverrideConfig>) {
      await ensureIds(tenantId, "staff", [input.staffId], "staffId");
      await writing(tenantId, (scope) => scope.replaceDateOverride(input.staffId, input.date, input.ranges));
    },

    async clearDateOverride(tenantId: string, staffId: string, date: string) {
      await ensureIds(tenantId, "staff", [staffId], "staffId");
      if (!(await writing(tenantId, (scope) => scope.clearDateOverride(staffId, date)))) {
        throw new FrontdeskError("NOT_FOUND", `This staff member has no hours set for ${date} alone.`, { field: "date" });
      }
    },

    async addTimeOff(tenantId: string, input: z.output<typeof timeOffConfig>): Promise<{ id: string }> {
      await ensureIds(tenantId, "staff", [input.staffId], "staffId");
      const id = randomId("off");
      await writing(tenantId, (scope) =>
        scope.addTimeOff(id, { staffId: input.staffId, startAt: Date.parse(input.start), endAt: Date.parse(input.end), reason: input.reason }),
      );
      return { id };
    },

    /** `mayRemove` sees whose absence it is first, and throws to keep it (a staff member removes only their own). */
    async removeTimeOff(tenantId: string, id: string, mayRemove: (staffId: string) => void = () => {}) {
      const removed = await writing(tenantId, async (scope) => {
        const entry = await scope.timeOffEntry(id);
        if (!entry) return false;
        mayRemove(entry.staffId);
        return scope.removeTimeOff(id);
      });
      if (!removed) throw new FrontdeskError("NOT_FOUND", "There is no time off with that id.", { field: "id" });
    },

    async setHoliday(tenantId: string, input: z.output<typeof holidayConfig>) {
      await writing(tenantId, (scope) => scope.replaceHoliday(input.date, input.name, input.ranges));
    },

    async removeHoliday(tenantId: string, date: string) {
      if (!(await writing(tenantId, (scope) => scope.removeHoliday(date)))) throw new FrontdeskError("NOT_FOUND", `There is no holiday on ${date}.`, { field: "date" });
    },
  };
}

export type ConfigService = ReturnType<typeof configService>;

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
