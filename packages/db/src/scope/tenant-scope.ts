import { asc, and, eq, gte } from "drizzle-orm";
import { isWriter, ormBehind, ormOf, type DrizzleDb, type Reader, type Writer } from "../client";
import { businessHours, dateOverrides, workingHours } from "../schema/schedules";
import { holidays } from "../schema/tenants";
import { agentReads, agentWrites, knowledgeReads, knowledgeWrites } from "./agents";
import { appointmentReads, appointmentWrites } from "./appointments";
import { approvalReads, approvalWrites } from "./approvals";
import { auditReads, auditWrites } from "./audit";
import { calendarReads, calendarWrites } from "./calendar";
import { callReads, callWrites } from "./calls";
import { catalogReads, catalogWrites } from "./catalog";
import { customerDataReads, customerDataWrites } from "./customers";
import { embedSessionReads, embedSessionWrites } from "./embed-sessions";
import { keyReads, keyWrites } from "./keys";
import { memberReads, memberWrites } from "./members";
import { notificationReads, notificationWrites } from "./notifications";
import { phoneReads, phoneWrites } from "./phone";
import { scheduleReads, scheduleWrites } from "./schedules";
import { tenantReads, tenantWrites } from "./tenants";
import { webhookReads, webhookWrites } from "./webhooks";

const readGroups = [
  tenantReads,
  catalogReads,
  scheduleReads,
  appointmentReads,
  notificationReads,
  keyReads,
  memberReads,
  auditReads,
  customerDataReads,
  webhookReads,
  embedSessionReads,
  phoneReads,
  agentReads,
  knowledgeReads,
  callReads,
  approvalReads,
  calendarReads,
] as const;

const writeGroups = [
  tenantWrites,
  catalogWrites,
  scheduleWrites,
  appointmentWrites,
  notificationWrites,
  keyWrites,
  memberWrites,
  auditWrites,
  customerDataWrites,
  webhookWrites,
  embedSessionWrites,
  phoneWrites,
  agentWrites,
  knowledgeWrites,
  callWrites,
  approvalWrites,
  calendarWrites,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (intersection: infer I) => void ? I : never;
type Methods<Groups extends readonly ((orm: DrizzleDb, tenantId: string) => object)[]> = UnionToIntersection<ReturnType<Groups[number]>>;
type ReadMethods = Methods<typeof readGroups>;
type WriteMethods = Methods<typeof writeGroups>;

/** Every row of the business's set-up that availability reads, for all staff and for dates from `sinceDate`: for a snapshot kept between writes. */
function setupOf(orm: DrizzleDb, tenantId: string, reads: ReadMethods) {
  return async (sinceDate: string) => {
    // The tenant row first: its `setupVersion` is then no newer than the rows read after it, so a snapshot that
    // missed a change made while it was read is one version behind, and a booking reads the set-up itself.
    const tenant = await reads.tenant();
    const [services, staff, staffServices, locations, weeklyHours, overrides, openingHours, closures] = await Promise.all([
      reads.services(),
      reads.staff(),
      reads.staffServices(),
      reads.locations(),
      orm.select().from(workingHours).where(eq(workingHours.tenantId, tenantId)).orderBy(asc(workingHours.startMin)),
      orm
        .select()
        .from(dateOverrides)
        .where(and(eq(dateOverrides.tenantId, tenantId), gte(dateOverrides.date, sinceDate)))
        .orderBy(asc(dateOverrides.startMin)),
      orm
        .select({ locationId: businessHours.locationId, weekday: businessHours.weekday, startMin: businessHours.startMin, endMin: businessHours.endMin })
        .from(businessHours)
        .where(eq(businessHours.tenantId, tenantId))
        .orderBy(asc(businessHours.weekday), asc(businessHours.startMin)),
      orm
        .select({ date: holidays.date, name: holidays.name, startMin: holidays.startMin, endMin: holidays.endMin })
        .from(holidays)
        .where(and(eq(holidays.tenantId, tenantId), gte(holidays.date, sinceDate)))
        .orderBy(asc(holidays.date), asc(holidays.startMin)),
    ]);
    return { tenant, services, staff, staffServices, locations, workingHours: weeklyHours, dateOverrides: overrides, businessHours: openingHours, holidays: closures };
  };
}

function readScope(orm: DrizzleDb, tenantId: string) {
  const reads = Object.assign({}, ...readGroups.map((group) => group(orm, tenantId))) as ReadMethods;
  return { tenantId, ...reads, setup: setupOf(orm, tenantId, reads) };
}

/** Which group makes each method (the last one, as in a spread), found once from groups made over an ORM they never touch. */
function ownersOf(groups: readonly ((orm: DrizzleDb, tenantId: string) => object)[]): Map<string, number> {
  const owners = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const name of Object.keys(group(undefined as unknown as DrizzleDb, ""))) owners.set(name, index);
  });
  return owners;
}
const groups = [...readGroups, ...writeGroups];
const ownerOf = ownersOf(groups);
const writeScopeKeys = ["tenantId", "writer", "setup", ...ownerOf.keys()];

/**
 * The tenant's reads and writes over a write's ORM. A write uses a few of the scope's two hundred-odd methods, so each
 * group of them is made when one of its methods is first asked for, not all of them with every write.
 */
function writeScope(orm: DrizzleDb, tenantId: string, writer: Writer) {
  const made: Record<string, unknown>[] = [];
  let scope: TenantWriteScope;
  const member = (name: string | symbol): unknown => {
    if (name === "tenantId") return tenantId;
    if (name === "writer") return writer;
    if (name === "setup") return setupOf(orm, tenantId, scope);
    const index = typeof name === "string" ? ownerOf.get(name) : undefined;
    if (index === undefined) return undefined;
    made[index] ??= groups[index]!(orm, tenantId) as Record<string, unknown>;
    return made[index][name as string];
  };
  scope = new Proxy({} as TenantWriteScope, {
    get: (_target, name) => member(name),
    has: (_target, name) => typeof name === "string" && writeScopeKeys.includes(name),
    ownKeys: () => writeScopeKeys,
    getOwnPropertyDescriptor: (_target, name) =>
      typeof name === "string" && writeScopeKeys.includes(name) ? { value: member(name), enumerable: true, configurable: true, writable: false } : undefined,
  });
  return scope;
}

/** One tenant's reads: every query adds the tenant's id itself, so another tenant's ids simply find nothing. */
export type TenantScope = ReturnType<typeof readScope>;
/** One tenant's reads and writes, made from the `Writer` of a write in progress: the only way to change its rows. */
export type TenantWriteScope = TenantScope & WriteMethods & { writer: Writer };

/**
 * Every query about one tenant's data. From the `Db` it only reads; from the `Writer` that `db.write` or
 * `db.transaction` hands its work, it also writes, through that write (a transaction's connection, inside one).
 */
export function forTenant(handle: Writer, tenantId: string): TenantWriteScope;
export function forTenant(handle: Reader, tenantId: string): TenantScope;
export function forTenant(handle: Reader, tenantId: string): TenantScope | TenantWriteScope {
  return isWriter(handle) ? writeScope(liveOrm(handle), tenantId, handle) : cachedReadScope(ormOf(handle), tenantId);
}

// A read scope holds only its ORM, its tenant's id and functions over them, so one made before serves as well as a new one:
// building it (six objects of closures, spread) cost about a twentieth of an availability query's CPU.
const readScopes = new WeakMap<DrizzleDb, Map<string, TenantScope>>();
/** Scopes kept per ORM; beyond this many tenants, the oldest is dropped (it is rebuilt when asked for again). */
const readScopesPerOrm = 1000;

function cachedReadScope(orm: DrizzleDb, tenantId: string): TenantScope {
  let scopes = readScopes.get(orm);
  if (!scopes) readScopes.set(orm, (scopes = new Map()));
  let scope = scopes.get(tenantId);
  if (!scope) {
    if (scopes.size >= readScopesPerOrm) scopes.delete(scopes.keys().next().value!);
    scopes.set(tenantId, (scope = Object.freeze(readScope(orm, tenantId))));
  }
  return scope;
}

/** The Writer's ORM, looked up on every use: a write scope kept past its write fails instead of writing outside it. */
function liveOrm(writer: Writer): DrizzleDb {
  ormOf(writer);
  return new Proxy({} as DrizzleDb, {
    get(_target, key) {
      const orm = ormOf(writer);
      if (key === ormBehind) return orm;
      const value: unknown = Reflect.get(orm, key, orm);
      return typeof value === "function" ? value.bind(orm) : value;
    },
  });
}
