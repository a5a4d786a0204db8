import { addDays } from "@frontdesk/core";
import { checkLocation, serviceAndStaff } from "./placement";
import { forTenant, versionedCache, type Db, type DateOverride, type Location, type Service, type StaffMember, type Tenant, type TenantScope, type WorkingHours } from "@frontdesk/db";

/** Where the business's set-up is read from: the database (`TenantScope`) or a snapshot of it. */
export interface SetupSource {
  service(id: string): Service | undefined | Promise<Service | undefined>;
  staffForService(serviceId: string): StaffMember[] | Promise<StaffMember[]>;
  location(id: string): Location | undefined | Promise<Location | undefined>;
  workingHours(staffIds: string[], locationId?: string): WorkingHours[] | Promise<WorkingHours[]>;
  dateOverrides(staffIds: string[], fromDate: string, toDate: string): DateOverride[] | Promise<DateOverride[]>;
  businessHours(locationId?: string): BusinessHoursRow[] | Promise<BusinessHoursRow[]>;
  holidays(fromDate: string, toDate: string): HolidayRow[] | Promise<HolidayRow[]>;
}

type SetupRows = Awaited<ReturnType<TenantScope["setup"]>>;
type BusinessHoursRow = SetupRows["businessHours"][number];
type HolidayRow = SetupRows["holidays"][number];

export type SetupSnapshot = ReturnType<typeof setupSnapshot>;

/** The set-up as read at one write version, answering what `TenantScope` would: same filters, same order. */
export function setupSnapshot(rows: SetupRows & { tenant: Tenant }) {
  const performers = new Map<string, StaffMember[]>();
  for (const service of rows.services) {
    const links = new Set(rows.staffServices.filter((link) => link.serviceId === service.id).map((link) => link.staffId));
    performers.set(service.id, rows.staff.filter((member) => links.has(member.id)));
  }
  return {
    tenant: rows.tenant,
    /** The set-up version these rows were read at: a write compares it with the database's (`setupVersion`). */
    version: rows.tenant.setupVersion,
    services: rows.services,
    staff: rows.staff,
    staffServices: rows.staffServices,
    locations: rows.locations,
    service: (id: string) => rows.services.find((service) => service.id === id),
    staffForService: (serviceId: string) => performers.get(serviceId) ?? [],
    location: (id: string) => rows.locations.find((place) => place.id === id),
    workingHours: (staffIds: string[], locationId?: string) =>
      rows.workingHours.filter((row) => staffIds.includes(row.staffId) && (!locationId || row.locationId === null || row.locationId === locationId)),
    dateOverrides: (staffIds: string[], fromDate: string, toDate: string) =>
      rows.dateOverrides.filter((row) => staffIds.includes(row.staffId) && row.date >= fromDate && row.date <= toDate),
    businessHours(locationId?: string) {
      const here = rows.businessHours.filter((row) => row.locationId === null || (locationId !== undefined && row.locationId === locationId));
      const own = here.filter((row) => row.locationId !== null);
      return own.length > 0 ? own : here;
    },
    holidays: (fromDate: string, toDate: string) => rows.holidays.filter((row) => row.date >= fromDate && row.date <= toDate),
  };
}

/** How long a snapshot serves while this process writes nothing; with the 5 s of kept answers, other processes' changes show within 15 s. */
const maxAgeMs = 10_000;
const maxTenants = 200;

/**
 * Each business's set-up (services, staff, hours, holidays, locations, policies), read once per set-up version, so
 * an availability query reads only the appointments and time off of its range. A booking uses it inside its write
 * only while the database's set-up version is still the snapshot's (`placingSetup`).
 */
export function setupSnapshots(db: Db, now: () => number) {
  // A booking changes no set-up: only the writes that may (`setupWrites`) drop the snapshots.
  const snapshots = versionedCache<SetupSnapshot | null>({ get writes() { return db.setupWrites; } }, { maxEntries: maxTenants, maxAgeMs, now });
  return {
    /** The tenant's snapshot, or null if there is no such tenant. */
    of(tenantId: string): Promise<SetupSnapshot | null> {
      return snapshots.load(tenantId, async () => {
        // Earlier dates can offer no slot in any time zone, and past holidays and overrides only pile up.
        const rows = await forTenant(db, tenantId).setup(addDays(new Date(now()).toISOString().slice(0, 10), -2));
        return rows.tenant ? setupSnapshot({ ...rows, tenant: rows.tenant }) : null;
      });
    },
  };
}
export type SetupSnapshots = ReturnType<typeof setupSnapshots>;

/**
 * What a write that places an appointment reads the set-up from: the snapshot while the database's set-up version
 * is still the one it was read at, else the database (inside the write) for the service, staff and location again.
 */
export async function placingSetup(
  scope: TenantScope,
  snapshot: SetupSnapshot,
  chosen: { service: Service; staff: StaffMember[]; locationId: string | null },
  request: { serviceId: string; staffId?: string | undefined; locationId?: string | undefined },
): Promise<{ setup: SetupSource; service: Service; staff: StaffMember[]; locationId: string | null }> {
  if ((await scope.setupVersion()) === snapshot.version) return { setup: snapshot, ...chosen };
  const { service, staff } = await serviceAndStaff(scope, request.serviceId, request.staffId);
  return { setup: scope, service, staff, locationId: (await checkLocation(scope, request.locationId)) ?? null };
}
