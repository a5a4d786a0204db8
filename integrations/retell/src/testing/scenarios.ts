/**
 * The shipped scenarios, parsed with `scenarioSchema`. Imported statically (not read from disk) so a bundled server
 * carries them. `retry-storm` and `outbound-reminder` are for tests; the rest are what a business can run.
 */
import { scenarioSchema, type Scenario } from "@frontdesk/core";
import afterHoursMessage from "../../scenarios/after-hours-message.json" with { type: "json" };
import bookCleaningNextTuesday from "../../scenarios/book-cleaning-next-tuesday.json" with { type: "json" };
import cancelExisting from "../../scenarios/cancel-existing.json" with { type: "json" };
import escalateNobodyOnDuty from "../../scenarios/escalate-nobody-on-duty.json" with { type: "json" };
import escalateToHuman from "../../scenarios/escalate-to-human.json" with { type: "json" };
import fullyBookedDay from "../../scenarios/fully-booked-day.json" with { type: "json" };
import knowledgeQuestion from "../../scenarios/knowledge-question.json" with { type: "json" };
import outboundReminder from "../../scenarios/outbound-reminder.json" with { type: "json" };
import rescheduleExisting from "../../scenarios/reschedule-existing.json" with { type: "json" };
import retryStorm from "../../scenarios/retry-storm.json" with { type: "json" };
import spanishCaller from "../../scenarios/spanish-caller.json" with { type: "json" };

const files: Record<string, unknown> = {
  "after-hours-message": afterHoursMessage,
  "book-cleaning-next-tuesday": bookCleaningNextTuesday,
  "cancel-existing": cancelExisting,
  "escalate-nobody-on-duty": escalateNobodyOnDuty,
  "escalate-to-human": escalateToHuman,
  "fully-booked-day": fullyBookedDay,
  "knowledge-question": knowledgeQuestion,
  "outbound-reminder": outboundReminder,
  "reschedule-existing": rescheduleExisting,
  "retry-storm": retryStorm,
  "spanish-caller": spanishCaller,
};

/** Scenarios that need test-only behaviour (chaos, an outbound call placed by the test). */
export const testOnlyScenarioIds = ["retry-storm", "outbound-reminder"] as const;

/** Every shipped scenario by id, checked once. */
export const shippedScenarios: ReadonlyMap<string, Scenario> = new Map(Object.entries(files).map(([id, json]) => [id, scenarioSchema.parse(json)]));

/** A shipped scenario; an unknown id throws with the ids there are. */
export function shippedScenario(id: string): Scenario {
  const scenario = shippedScenarios.get(id);
  if (!scenario) throw new Error(`No scenario ${id}. There are: ${[...shippedScenarios.keys()].join(", ")}.`);
  return scenario;
}
