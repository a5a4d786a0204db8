import { addDays, localDateOf, type ToolArgs } from "@frontdesk/core";
import { toE164 } from "@frontdesk/core/phone";
import { forTenant } from "@frontdesk/db";
import type { SetupSnapshots } from "../scheduling/setup-snapshot";
import { countryOf } from "./booking.tools";
import { answer } from "./phrases";
import type { ToolContext, ToolDeps, ToolResult } from "./tool-context";

/** Knowledge entries told at most, and the characters of each. */
const knowledgeAnswers = 2;
const knowledgeChars = 400;
/** Holidays mentioned with the hours: those of the next two weeks. */
const holidayDays = 14;

/** `find_customer` and `business_info`: reads only. */
export function infoTools({ db, now, booking }: ToolDeps, setups: SetupSnapshots) {
  async function knowledge(context: ToolContext, question: string): Promise<ToolResult | undefined> {
    const entries = await forTenant(db, context.tenant.id).searchKnowledge(question, knowledgeAnswers);
    if (entries.length === 0) return undefined;
    const say = entries.map((entry) => (entry.body.length > knowledgeChars ? `${entry.body.slice(0, knowledgeChars - 1)}…` : entry.body)).join(" ");
    return { answer: answer("INFO", say, { sources: entries.map((entry) => entry.title) }) };
  }

  return {
    async find_customer(context: ToolContext, args: ToolArgs["find_customer"]): Promise<ToolResult> {
      const { tenant, speak, callerE164 } = context;
      const scope = forTenant(db, tenant.id);
      const asked = args.phone ? toE164(args.phone, countryOf(context.call.to)) : callerE164;
      // Details only to the number on file: someone calling from elsewhere learns at most that a record exists.
      const own = asked !== undefined && asked === callerE164 ? await scope.customerByPhone(asked) : undefined;
      if (own && !own.erasedAt) {
        const [next] = await scope.appointmentList({ customerId: own.id, statuses: ["pending", "confirmed"], fromMs: now(), limit: 1 });
        const first = own.name.split(/\s+/)[0] ?? own.name;
        if (!next) return { answer: answer("FOUND", speak.say("foundNone", { first }), { first_name: first }) };
        const when = speak.when(next.appointment.startAt);
        return {
          answer: answer("FOUND", speak.say("found", { first, service: next.service.name, when }), {
            first_name: first,
            appointment_id: next.appointment.id,
            start: new Date(next.appointment.startAt).toISOString(),
            service: next.service.name,
          }),
        };
      }
      const byName = args.name ? await scope.customersByName(args.name, 3) : [];
      const byOtherNumber = asked && asked !== callerE164 ? await scope.customerByPhone(asked) : undefined;
      if (byName.length > 0 || byOtherNumber) return { answer: answer("FOUND", speak.say("foundByNameOnly")) };
      return { answer: answer("NOT_FOUND", speak.say("notFoundCustomer")) };
    },

    async business_info(context: ToolContext, args: ToolArgs["business_info"]): Promise<ToolResult> {
      const { tenant, speak } = context;
      const catalog = await booking.catalog(tenant);
      const snapshot = await setups.of(tenant.id);
      const fromQuestion = args.question ? await knowledge(context, args.question) : undefined;
      switch (args.topic) {
        case "hours": {
          const rows = snapshot?.businessHours() ?? [];
          if (rows.length === 0) break;
          const open: string[] = [];
          const closed: string[] = [];
          for (const weekday of [1, 2, 3, 4, 5, 6, 0]) {
            const ranges = rows.filter((row) => row.weekday === weekday).sort((x, y) => x.startMin - y.startMin);
            if (ranges.length === 0) closed.push(speak.weekday(weekday));
            else open.push(`${speak.weekday(weekday)} ${ranges.map((row) => `${speak.minutes(row.startMin)}–${speak.minutes(row.endMin)}`).join(", ")}`);
          }
          const today = localDateOf(now(), tenant.timeZone);
          const holidays = (snapshot?.holidays(today, addDays(today, holidayDays)) ?? []).map((holiday) => speak.localDay(holiday.date));
          const list = speak.and([...open, ...(closed.length > 0 ? [speak.say("closedOn", { list: speak.and(closed) })] : [])]);
          const say = speak.say("hours", { list }) + (holidays.length > 0 ? speak.say("holidays", { list: speak.and(holidays) }) : "");
          return { answer: answer("INFO", say) };
        }
        case "address":
        case "directions": {
          if (fromQuestion) return fromQuestion;
          const places = catalog.locations.filter((place) => place.address).map((place) => `${place.name}, ${place.address}`);
          if (places.length === 0) break;
          return { answer: answer("INFO", speak.say("address", { list: speak.and(places) })) };
        }
        case "services": {
          const list = speak.and(catalog.services.map((service) => speak.say("minutes", { name: service.name, minutes: service.durationMin })));
          return { answer: answer("INFO", speak.say("services", { list }), { services: catalog.services.map((service) => service.name) }) };
        }
        case "prices": {
          const priced = catalog.services.filter((service) => service.priceCents !== null && service.priceCents !== undefined);
          if (priced.length === 0) break;
          const list = speak.and(priced.map((service) => `${service.name} ${speak.price(service.priceCents!, service.currency)}`));
          return { answer: answer("INFO", speak.say("prices", { list })) };
        }
        case "faq":
          break;
      }
      return fromQuestion ?? (await knowledge(context, args.question ?? args.topic)) ?? { answer: answer("NOT_FOUND", speak.say("noInfo")) };
    },
  };
}
