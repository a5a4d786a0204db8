import { weekdayNames, type AgentConfig, type AgentType, type BusinessConfig } from "@frontdesk/core";
import type { KnowledgeEntryRow } from "@frontdesk/db";

/**
 * The agent's prompt, generated from the business (profile, services, hours, staff, locations, knowledge base) and
 * the agent's configuration. The same inputs always give the same text, so `preview` can show what a change does.
 * Per-call facts (today, the caller's name, whether it is after hours) are dynamic variables the inbound webhook
 * fills in; the prompt names them and never holds a date itself.
 */

const missions: Record<AgentType, string> = {
  receptionist: "You answer the phone: you book, move and cancel appointments, answer questions about the business, and pass on what you cannot handle.",
  scheduler: "Your job is the calendar: booking, moving and cancelling appointments. Keep other conversations short and offer to take a message.",
  after_hours: "The business is closed now. Take messages for a callback, answer simple questions, and book appointments if the caller wants one.",
  emergency_triage: "You find out how urgent the caller's problem is. Anything that sounds like an emergency goes to a person at once, or as an urgent message.",
  customer_service: "You help existing customers with their appointments and questions, and make sure they feel looked after.",
  sales: "You help callers find the right service for them, tell them what it costs, and offer to book it.",
  technical_support: "You help callers with problems about the services they use, step by step, and escalate what you cannot solve.",
  survey: "You ask callers how their last visit went, note their answers in a message for the staff, and thank them.",
  billing: "You answer questions about prices and payments from what you know, and take a message for anything about a specific bill.",
  custom: "You follow the business's own instructions below.",
};

const personalities: Record<AgentConfig["personality"], string> = {
  friendly: "warm and friendly",
  professional: "polite and professional",
  calm: "calm and reassuring",
  upbeat: "cheerful and upbeat",
};

/** The knowledge base's share of the prompt; the rest is reached through `business_info`. */
const knowledgeBudget = 6000;

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)} ${currency}`;

function hoursLines(hours: BusinessConfig["businessHours"]): string[] {
  return weekdayNames.map((day) => {
    const ranges = hours[day] ?? [];
    return `- ${day[0]!.toUpperCase()}${day.slice(1)}: ${ranges.length ? ranges.map((r) => `${r.start}–${r.end}`).join(", ") : "closed"}`;
  });
}

function knowledgeLines(entries: KnowledgeEntryRow[]): string[] {
  const lines: string[] = [];
  let used = 0;
  // Oldest first, so that adding an entry does not reshuffle the rest of the prompt.
  for (const entry of [...entries].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
    const text = entry.kind === "qa" ? `- Q: ${entry.title}\n  A: ${entry.body.trim()}` : `- ${entry.title}: ${entry.body.trim().slice(0, 1500)}`;
    if (used + text.length > knowledgeBudget) {
      lines.push("- More answers are in the knowledge base: use business_info with topic faq.");
      break;
    }
    lines.push(text);
    used += text.length;
  }
  return lines;
}

export interface PromptInput {
  business: BusinessConfig;
  knowledge: KnowledgeEntryRow[];
  agent: AgentConfig;
  /** The after-hours agent's name, when one takes over outside the working hours. */
  afterHoursAgentName?: string;
}

export function generatePrompt({ business, knowledge, agent, afterHoursAgentName }: PromptInput): string {
  const enhanced = agent.promptStyle === "enhanced";
  const services = business.services.filter((s) => s.active);
  const staff = business.staff.filter((s) => s.active);
  const spanish = agent.language.startsWith("es");
  const sections: string[][] = [];

  sections.push([
    `You are ${agent.name}, the AI phone agent of {{business_name}} (${business.business.name}). ${missions[agent.type]}`,
    `Be ${personalities[agent.personality]}. Speak ${spanish ? "Spanish" : agent.language === "multi" ? "the caller's language" : "English"}, in short sentences made for the phone: one question at a time, no lists read aloud, no markdown.`,
    "Today is {{today}}; it is {{now_local}} in {{time_zone}}. The caller's name, if we know them: {{caller_name}}. After hours now: {{after_hours}}.",
  ]);

  const rules = [
    "Never invent times, prices or facts: ask the tools, and say only what they answer. Each answer has a `say` text you may use as it is, and a `code`.",
  ];
  if (agent.tools.includes("check_availability")) rules.push("Before offering a time, call check_availability; offer at most three of the times it gives.");
  if (agent.tools.includes("book_appointment")) {
    rules.push("Book with book_appointment only after the caller chose a time and told you their name; repeat the day and time back to them.");
    rules.push(
      agent.requireApproval
        ? "Bookings, changes and cancellations wait for the staff's approval (code PENDING_APPROVAL): tell the caller they will get a confirmation."
        : "Bookings, changes and cancellations are done at once (code BOOKED or CANCELLED).",
    );
  }
  if (agent.tools.includes("find_customer")) rules.push("To move or cancel an appointment, first call find_customer to find it.");
  if (agent.tools.includes("transfer_to_human")) {
    const when = [agent.escalation.onRequest ? "the caller asks for a person" : "", agent.escalation.onFrustration ? "the caller is upset or you cannot help" : "", agent.escalation.keywords.length ? `the caller mentions ${agent.escalation.keywords.join(", ")}` : ""].filter(Boolean);
    if (when.length) rules.push(`Escalate when ${when.join(", or ")}: call transfer_to_human first.`);
    rules.push(agent.transferNumber ? "Only if it answers TRANSFER_OK, call transfer_call; on TRANSFER_UNAVAILABLE offer to take a message." : "Transfers are not possible: offer to take a message instead.");
  }
  if (agent.tools.includes("take_message")) rules.push("When you take a message, get the caller's name, what it is about and how urgent it is, then call take_message.");
  rules.push(`Keep calls under ${agent.maxCallDurationMin} minutes. When the caller is done, say goodbye and call end_call.`);
  sections.push(["Rules:", ...rules.map((rule) => `- ${rule}`)]);

  const hours = agent.workingHours ?? business.businessHours;
  sections.push([
    `Opening hours (${business.business.timeZone}):`,
    ...hoursLines(hours),
    ...(agent.afterHoursAgentId && afterHoursAgentName ? [`Outside these hours ${afterHoursAgentName} answers instead of you.`] : []),
  ]);

  if (services.length) {
    sections.push([
      "Services:",
      ...services.map((s) => {
        const also = s.otherNames.length ? ` (callers may say ${s.otherNames.map((name) => `"${name}"`).join(", ")})` : "";
        return enhanced
          ? `- ${s.name}${also}: ${s.durationMin} minutes${s.priceCents !== null ? `, ${money(s.priceCents, s.currency)}` : ""}${s.description ? `. ${s.description}` : ""}`
          : `- ${s.name}${also}`;
      }),
    ]);
  }
  if (enhanced && staff.length) sections.push(["Staff:", ...staff.map((s) => `- ${s.name}${s.title ? `, ${s.title}` : ""}`)]);
  if (enhanced && business.locations.some((l) => l.address)) sections.push(["Where to find us:", ...business.locations.map((l) => `- ${l.name}${l.address ? `: ${l.address.replace(/\s*\n\s*/g, ", ")}` : ""}`)]);
  if (enhanced && business.holidays.length) sections.push(["Closed or special hours on:", ...business.holidays.slice(0, 12).map((h) => `- ${h.date} (${h.name})${h.ranges.length ? `: ${h.ranges.map((r) => `${r.start}–${r.end}`).join(", ")}` : ""}`)]);
  if (enhanced && knowledge.length) sections.push(["What the business wants you to know:", ...knowledgeLines(knowledge)]);
  if (!enhanced && knowledge.length) sections.push(["For questions about the business, use business_info."]);
  if (agent.customInstructions.trim()) sections.push(["The business's own instructions:", agent.customInstructions.trim()]);

  return sections.map((lines) => lines.join("\n")).join("\n\n");
}

/** What the agent says first, unless the configuration says otherwise. */
export function greetingOf(agent: AgentConfig): string {
  if (agent.greeting.trim()) return agent.greeting.trim();
  return agent.language.startsWith("es")
    ? `Gracias por llamar a {{business_name}}, soy ${agent.name}. ¿En qué puedo ayudarle?`
    : `Thank you for calling {{business_name}}, this is ${agent.name}. How can I help you today?`;
}

/** The dynamic variables' values when a call brings none (a web call, or an inbound webhook that did not answer). */
export function dynamicDefaults(business: BusinessConfig): Record<string, string> {
  return { business_name: business.business.name, caller_name: "", today: "", now_local: "", time_zone: business.business.timeZone, transfer_number: "", after_hours: "false" };
}

/** The prompt line by line against the published one: a longest-common-subsequence diff (prompts are a few hundred lines). */
export function lineDiff(before: string, after: string): { op: "same" | "added" | "removed"; text: string }[] {
  const a = before ? before.split("\n") : [];
  const b = after ? after.split("\n") : [];
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const out: { op: "same" | "added" | "removed"; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) out.push({ op: "removed", text: a[i++]! });
    else out.push({ op: "added", text: b[j++]! });
  }
  while (i < a.length) out.push({ op: "removed", text: a[i++]! });
  while (j < b.length) out.push({ op: "added", text: b[j++]! });
  return out;
}
