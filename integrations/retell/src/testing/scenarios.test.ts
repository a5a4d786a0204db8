import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioSchema, type ScenarioTurn } from "@frontdesk/core";
import { shippedScenarios } from "./scenarios";

const folder = new URL("../../scenarios/", import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith(".json"));

/** The tools a scenario calls when every branch takes its `then` (or its `else`). */
function toolsOf(turns: ScenarioTurn[], side: "then" | "else"): string[] {
  return turns.flatMap((turn) => ("tool" in turn ? [turn.tool] : "if" in turn ? toolsOf(turn[side], side) : []));
}

describe("the shipped scenarios", () => {
  it.each(files)("%s is a valid scenario named after its file", (file) => {
    const scenario = scenarioSchema.parse(JSON.parse(readFileSync(new URL(file, folder), "utf8")));
    expect(`${scenario.id}.json`).toBe(file);
    expect(shippedScenarios.get(scenario.id)).toEqual(scenario);
  });

  it("include every scenario the phone line promises", () => {
    const promised = ["book-cleaning-next-tuesday", "reschedule-existing", "cancel-existing", "knowledge-question", "escalate-to-human", "escalate-nobody-on-duty", "after-hours-message", "fully-booked-day", "spanish-caller"];
    expect([...shippedScenarios.keys()]).toEqual(expect.arrayContaining(promised));
    expect(shippedScenarios.size).toBe(files.length);
  });

  it.each([...shippedScenarios.values()].map((s) => [s.id, s] as const))("%s expects the tools its turns call, in order", (_, scenario) => {
    const expected = scenario.expect.tools?.map((t) => t.name);
    expect(expected).toBeDefined();
    expect(toolsOf(scenario.turns, "then")).toEqual(expected);
    expect(toolsOf(scenario.turns, "else")).toEqual(expected);
  });

  it("speak the caller's language", () => {
    const spanish = shippedScenarios.get("spanish-caller")!;
    expect(spanish.language).toBe("es-US");
    expect(spanish.turns.filter((t) => "user" in t).every((t) => /[¿¡ñá]|gracias|por favor/i.test((t as { user: string }).user))).toBe(true);
  });
});
