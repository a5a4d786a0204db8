import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** Where: one CSS selector path per offending node, through shadow roots. */
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) over the whole page, shadow roots included, and returns the
 * serious and critical violations: what the widgets' browser tests require to be none.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    // A page whose policy forbids inline scripts (the back office) gets axe through the debugger, which the policy does not govern.
    await page.addScriptTag({ path: axeSource }).catch(() => page.evaluate(readFileSync(axeSource, "utf8")));
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({ id: violation.id, impact: violation.impact!, help: violation.help, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
  });
}
