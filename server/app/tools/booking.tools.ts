import { createHash } from "node:crypto";
import { addDays, FrontdeskError, localDateOf, resolveSpokenDate, weekdayOf, type Availability, type Catalog, type LocalDate, type ToolArgs } from "@frontdesk/core";
import { parsePhoneNumber, toE164 } from "@frontdesk/core/phone";
import { randomId, type Tenant } from "@frontdesk/db";
import type { SetupSnapshots } from "../scheduling/setup-snapshot";
import { answer, bestMatch, type Speaker } from "./phrases";
import type { ToolContext, ToolDeps, ToolResult } from "./tool-context";

type Slot = Availability["slots"][number];

/** At most this many times are offered at once: a caller keeps three in mind, five over a range of days. */
const offeredPerDay = 3;
const offeredPerRange = 5;
/** Days after the asked-for one searched for alternatives, and how many of them are offered. */
const alternativeDays = 7;
const alternativeTimes = 3;

/** `check_availability` and `book_appointment`: the hot path of a phone booking. */
export function bookingTools({ now, booking }: ToolDeps, setups: SetupSnapshots) {
  /** Times spread over what is open (first, last and between), rather than the first few in a row. */
  function spread<T>(items: readonly T[], count: number): T[] {
    if (items.length <= count) return [...items];
    if (count === 1) return [items[0]!];
    return Array.from({ length: count }, (_, index) => items[Math.round((index * (items.length - 1)) / (count - 1))]!);
  }

  /** The service the caller means: by its name, or one of the other names the business gave it ("limpieza"). */
  async function serviceOf(tenant: Tenant, catalog: Catalog, said: string, speak: Speaker): Promise<{ service: Catalog["services"][number] } | { result: ToolResult }> {
    const snapshot = await setups.of(tenant.id);
    const service = bestMatch(catalog.services, said, (item) => snapshot?.service(item.id)?.otherNames ?? []);
    if (service) return { service };
    const services = speak.or(catalog.services.map((item) => item.name));
    return { result: { answer: answer("UNKNOWN_SERVICE", speak.say("unknownService", { service: said, services }), { services: catalog.services.map((item) => item.name) }) } };
  }

  const slotsOf = (catalog: Catalog, speak: Speaker, slots: readonly Slot[]) =>
    slots.map((slot) => {
      const staff = catalog.staff.find((member) => member.id === slot.staffIds[0])?.name;
      return { start: slot.start, label: speak.slotLabel(Date.parse(slot.start)), ...(staff ? { staff } : {}) };
    });

  /** The next open times after `after`, from the first days that have any: offered when the asked-for time is not. */
  async function alternatives(tenant: Tenant, query: { serviceId: string; staffId?: string }, after: LocalDate): Promise<Slot[]> {
    const { slots } = await booking.availability(tenant, { ...query, from: after, to: addDays(after, alternativeDays) });
    const byDay = new Map<string, Slot[]>();
    for (const slot of slots) {
      const day = localDateOf(Date.parse(slot.start), tenant.timeZone);
      byDay.set(day, [...(byDay.get(day) ?? []), slot]);
    }
    const days = [...byDay.values()].slice(0, 2);
    return days.flatMap((open, index) => spread(open, index === 0 ? 2 : alternativeTimes - 2)).slice(0, alternativeTimes);
  }

  function withAlternatives(speak: Speaker, catalog: Catalog, lead: string, others: Slot[]) {
    const times = speak.or(others.map((slot) => speak.slotLabel(Date.parse(slot.start))));
    return { say: lead + (others.length > 0 ? speak.say("alternatives", { times }) : speak.say("noAlternatives")), slots: slotsOf(catalog, speak, others) };
  }

  /** Whether the business is closed all that day: no opening hours on its weekday, or a whole-day holiday. */
  async function closedOn(tenant: Tenant, date: LocalDate): Promise<boolean> {
    const snapshot = await setups.of(tenant.id);
    if (!snapshot) return false;
    const hours = snapshot.businessHours().filter((row) => row.weekday === weekdayOf(date));
    return hours.length === 0 || snapshot.holidays(date, date).some((holiday) => holiday.startMin === null);
  }

  return {
    async check_availability(context: ToolContext, args: ToolArgs["check_availability"]): Promise<ToolResult> {
      const { tenant, speak } = context;
      const catalog = await booking.catalog(tenant);
      const matched = await serviceOf(tenant, catalog, args.service, speak);
      if ("result" in matched) return matched.result;
      const { service } = matched;
      let staffId: string | undefined;
      if (args.staff) {
        const team = catalog.staff.filter((member) => service.staffIds.includes(member.id));
        const member = bestMatch(team, args.staff);
        if (!member) return { answer: answer("NOT_FOUND", speak.say("unknownStaff", { staff: args.staff, names: speak.and(team.map((item) => item.name)) })) };
        staffId = member.id;
      }
      const partOfDay = args.part_of_day === "any" ? undefined : args.part_of_day;
      const date = resolveSpokenDate(args.date, { timeZone: tenant.timeZone, now: now(), language: context.config.language, ...(partOfDay ? { partOfDay } : {}) });
      if (!date.ok) {
        return date.code === "PAST_DATE"
          ? { answer: answer("PAST_DATE", speak.say("pastDate", { day: speak.localDay(date.from) })) }
          : { answer: answer("UNRECOGNISED_DATE", speak.say("unrecognisedDate")) };
      }
      const query = { serviceId: service.id, ...(staffId ? { staffId } : {}) };
      const { slots } = await booking.availability(tenant, { ...query, from: date.from, to: date.to });
      const open = slots.filter((slot) => Date.parse(slot.start) >= date.startMs && Date.parse(slot.start) < date.endMs);
      const day = date.from === date.to ? speak.localDay(date.from) : `${speak.localDay(date.from)} – ${speak.localDay(date.to)}`;
      if (open.length > 0) {
        const offered = spread(open, date.from === date.to ? offeredPerDay : offeredPerRange);
        const label = date.from === date.to ? speak.time : speak.slotLabel;
        const times = speak.or(offered.map((slot) => label(Date.parse(slot.start))));
        const oneStaff = offered.every((slot) => slot.staffIds[0] === offered[0]!.staffIds[0]);
        const staff = catalog.staff.find((member) => member.id === offered[0]!.staffIds[0])?.name;
        const say = oneStaff && staff ? speak.say("slotsWith", { day, times, staff }) : speak.say("slots", { day, times });
        return { answer: answer("SLOTS", say, { slots: slotsOf(catalog, speak, offered), service: service.name }) };
      }
      const closed = date.from === date.to && (await closedOn(tenant, date.from));
      const lead = closed ? speak.say("closedDay", { day }) : speak.say("noSlots", { day, part: date.partOfDay ? speak.say(date.partOfDay) : "" });
      const others = await alternatives(tenant, query, addDays(date.to, 1));
      const { say, slots: offered } = withAlternatives(speak, catalog, lead, others);
      return { answer: answer(closed ? "CLOSED_DAY" : "NO_SLOTS", say, { slots: offered, service: service.name }) };
    },

    async book_appointment(context: ToolContext, args: ToolArgs["book_appointment"]): Promise<ToolResult> {
      const { tenant, speak, call, agent } = context;
      const catalog = await booking.catalog(tenant);
      const matched = await serviceOf(tenant, catalog, args.service, speak);
      if ("result" in matched) return matched.result;
      const { service } = matched;
      const start = Date.parse(args.start);
      if (start <= now()) return { answer: answer("PAST_DATE", speak.say("pastStart")) };
      const phoneE164 = args.phone ? toE164(args.phone, countryOf(call.to)) : context.callerE164;
      if (!phoneE164 && !args.email) return { answer: answer("INVALID_ARGUMENTS", speak.say("invalidArguments", { fields: "phone" }), { fields: ["phone"] }) };
      // One booking per call and request, however often the provider retries it.
      const idempotencyKey = `call:${createHash("sha256").update(`${call.providerCallId}:${context.argsHash}`).digest("base64url").slice(0, 40)}`;
      /** What the caller is told of a booking; inside the booking's transaction it is recorded there, with the claim. */
      const bookedAnswer = (booked: { id: string; start: number; status: string; staffName: string }, approvalId: string | undefined): ToolResult => {
        const vars = { service: service.name, when: speak.when(booked.start), staff: booked.staffName };
        const pending = booked.status === "pending";
        return {
          answer: answer(pending ? "PENDING_APPROVAL" : "BOOKED", speak.say(pending ? "bookPending" : "booked", vars), { appointment_id: booked.id, start: new Date(booked.start).toISOString() }),
          appointmentId: booked.id,
          ...(approvalId ? { approvalId } : {}),
        };
      };
      let written: ToolResult | undefined;
      try {
        const booked = await booking.create(
          tenant,
          {
            serviceId: service.id,
            start: new Date(start).toISOString(),
            customer: { name: args.name, email: args.email ?? null, ...(phoneE164 ? { phone: phoneE164, phoneE164 } : {}) },
            idempotencyKey,
            locale: context.config.language,
            ...(args.notes ? { notes: args.notes } : {}),
          },
          "phone",
          {
            actor: "agent",
            requireApproval: agent.requireApproval,
            async alsoWrite(scope, appointment, at) {
              // The approval points at the claim, so the claim comes first.
              await context.claim(scope);
              const approval =
                appointment.status === "pending"
                  ? await scope.addApproval({
                      id: randomId("apr"),
                      kind: "book",
                      appointmentId: appointment.id,
                      providerCallId: call.providerCallId,
                      toolInvocationId: context.invocationId,
                      proposal: { start: new Date(appointment.startAt).toISOString(), staffId: appointment.staffId },
                      createdAt: at,
                      expiresAt: appointment.expiresAt,
                    })
                  : undefined;
              const staffName = catalog.staff.find((member) => member.id === appointment.staffId)?.name ?? "";
              written = bookedAnswer({ id: appointment.id, start: appointment.startAt, status: appointment.status, staffName }, approval?.id);
              await context.answered(scope, written);
            },
          },
        );
        // A replay of an earlier booking (the same call and request) wrote nothing: it is told as it was.
        return written ?? bookedAnswer({ id: booked.id, start: Date.parse(booked.start), status: booked.status, staffName: booked.staffName }, undefined);
      } catch (error) {
        if (!(error instanceof FrontdeskError) || error.field !== "start") throw error;
        // Taken, not on the grid, too soon or too far ahead: the caller picks another of the open times.
        const others = await alternatives(tenant, { serviceId: service.id }, localDateOf(Math.max(start, now()), tenant.timeZone));
        const lead = error.code === "HOLD_EXPIRED" ? speak.say("holdExpired") : error.code === "START_IN_PAST" ? speak.say("pastStart") : speak.say("slotTaken", { when: speak.when(start) });
        const { say, slots } = withAlternatives(speak, catalog, lead, others.filter((slot) => Date.parse(slot.start) !== start));
        return { answer: answer(error.code === "HOLD_EXPIRED" ? "HOLD_EXPIRED" : error.code === "START_IN_PAST" ? "PAST_DATE" : "SLOT_TAKEN", say, { slots, reason: error.code }) };
      }
    },
  };
}

/** The country of the number the caller dialled: a number said without its country code is read as one of that country. */
export function countryOf(dialled: string): string | undefined {
  try {
    return parsePhoneNumber(dialled).country;
  } catch {
    return undefined;
  }
}
