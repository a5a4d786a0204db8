import { FrontdeskError } from "@frontdesk/core";
import { toE164 } from "@frontdesk/core/phone";
import { dateTimeFormat } from "@frontdesk/core/dates";
import { forTenant, numberForWebhook, recordProviderEvent, type Agent, type Db, type PhoneNumber, type Tenant, type TenantScope } from "@frontdesk/db";
import { inboundAnswer, parseInbound, verifyRetellSignature } from "@frontdesk/retell/webhook";
import type { PhoneConnections } from "../phone/connections";

export interface InboundDeps {
  db: Db;
  /** The business clock: opening hours, today, now. */
  now: () => number;
  phone: PhoneConnections;
}

export type InboundAnswer = { status: 200; body: string } | { status: 401 } | { status: 400; error: FrontdeskError };

const noKey = "no key: the number is unknown";

/**
 * Answers Retell's inbound-call webhook for one of our numbers: which agent (and pinned version) takes the call, the
 * after-hours agent outside opening hours, and the call's dynamic variables. Reads only, well inside Retell's 10 s; the
 * raw event is stored after the answer is made. A number that is not active answers without an override, so the call
 * goes to whatever Retell has bound to it (nothing, once the number is unbound).
 */
export function inboundService(deps: InboundDeps) {
  const { db, now } = deps;

  async function agentAndVersion(scope: TenantScope, agentId: string | null, pinnedVersionId: string | null): Promise<{ agent: Agent; version?: number } | undefined> {
    const agent = agentId ? await scope.agent(agentId) : undefined;
    if (!agent?.providerAgentId || agent.deletedAt !== null) return undefined;
    const versionId = pinnedVersionId ?? agent.publishedVersionId;
    const version = versionId ? await scope.agentVersion(versionId) : undefined;
    return { agent, ...(version?.providerVersion != null ? { version: version.providerVersion } : {}) };
  }

  async function answer(tenant: Tenant, number: PhoneNumber, from: string): Promise<string> {
    const scope = forTenant(db, tenant.id);
    const at = now();
    const local = localTime(at, tenant.timeZone);
    const open = await isOpen(scope, local);
    const caller = toE164(from);
    const customer = caller ? await scope.customerByPhone(caller) : undefined;
    const variables: Record<string, string> = {
      business_name: tenant.name,
      caller_name: customer && !customer.erasedAt ? customer.name : "",
      today: local.date,
      now_local: local.spoken,
      time_zone: tenant.timeZone,
      after_hours: open ? "false" : "true",
    };
    if (number.status !== "active") return inboundAnswer({ variables });
    const main = await agentAndVersion(scope, number.agentId, number.pinnedVersionId);
    const afterHours = open ? undefined : await agentAndVersion(scope, number.afterHoursAgentId, null);
    const chosen = afterHours ?? main;
    const transfer = chosen?.agent.draftConfig.transferNumber;
    // Someone can take a transfer only while the business is open.
    if (open && transfer && toE164(transfer)) variables.transfer_number = toE164(transfer)!;
    if (!chosen) return inboundAnswer({ variables });
    return inboundAnswer({
      providerAgentId: chosen.agent.providerAgentId!,
      ...(chosen.version !== undefined ? { version: chosen.version } : {}),
      variables,
      metadata: { frontdesk_number_id: number.id, frontdesk_agent_id: chosen.agent.id },
    });
  }

  return {
    async receive(numberId: string, rawBody: string, signature: string | null): Promise<InboundAnswer> {
      const number = await numberForWebhook(db, numberId);
      const tenant = number ? await forTenant(db, number.tenantId).tenant() : undefined;
      const agent = number?.agentId && tenant ? await forTenant(db, tenant.id).agent(number.agentId) : undefined;
      const key = number && tenant ? await deps.phone.retellWebhookKey(tenant, agent?.connectionId ?? null) : undefined;
      const check = verifyRetellSignature(rawBody, signature, key ?? noKey, { now: Date.now() });
      if (!number || !tenant || !key || !check.ok) return { status: 401 };
      let inbound: ReturnType<typeof parseInbound>;
      try {
        inbound = parseInbound(rawBody);
      } catch (error) {
        if (error instanceof FrontdeskError) return { status: 400, error };
        throw error;
      }
      const body = await answer(tenant, number, inbound.from);
      if (inbound.providerCallId) {
        const event = { tenantId: tenant.id, provider: "retell", kind: "call_inbound" as const, subjectId: inbound.providerCallId, dedupeKey: "call_inbound", receivedAt: now(), body: rawBody };
        // After the answer is made: the write queue must not hold up the call.
        void db.write((writer) => recordProviderEvent(writer, event)).catch((error: unknown) => console.error("Storing an inbound-call event failed:", error));
      }
      return { status: 200, body };
    },
  };
}

export type InboundService = ReturnType<typeof inboundService>;

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The business's wall clock at `instant`: date, weekday, minutes after midnight, and "Tuesday 9:12 AM". */
export function localTime(instant: number, timeZone: string): { date: string; weekday: number; minutes: number; spoken: string } {
  const parts = Object.fromEntries(
    dateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "long" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const spoken = `${parts.weekday} ${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, "0")} ${hour < 12 ? "AM" : "PM"}`;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: weekdays.indexOf(parts.weekday!), minutes: hour * 60 + minute, spoken };
}

/** Open now: within the opening hours of the day (a holiday's own hours replace them; a holiday without hours is closed). */
async function isOpen(scope: TenantScope, local: { date: string; weekday: number; minutes: number }): Promise<boolean> {
  const holidays = await scope.holidays(local.date, local.date);
  const ranges = holidays.length > 0
    ? holidays.filter((day) => day.startMin !== null && day.endMin !== null).map((day) => ({ startMin: day.startMin!, endMin: day.endMin! }))
    : (await scope.businessHours()).filter((range) => range.weekday === local.weekday);
  return ranges.some((range) => local.minutes >= range.startMin && local.minutes < range.endMin);
}
