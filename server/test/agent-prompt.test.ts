import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentConfigSchema, type BusinessConfig } from "@frontdesk/core";
import type { KnowledgeEntryRow } from "@frontdesk/db";
import { generatePrompt, greetingOf, lineDiff } from "../app/agents/prompt";
import { publishedTools, toolDefinitions } from "../app/agents/tools-spec";
import { startTestApp, type TestApp } from "../testing/app-harness";

const entry = (n: number, body: string): KnowledgeEntryRow => ({
  seq: n,
  id: `kbe_${n}`,
  tenantId: "ten",
  tenantToken: "t",
  kind: "qa",
  title: `Question ${n}?`,
  body,
  tags: [],
  createdAt: n,
  updatedAt: n,
});

describe("the prompt generated for an agent", () => {
  let t: TestApp;
  let business: BusinessConfig;
  beforeAll(async () => {
    t = await startTestApp();
    business = await t.app.config.get(t.tenantId);
  });
  afterAll(() => t.close());

  const agent = (fields: Record<string, unknown> = {}) => agentConfigSchema.parse({ name: "Ava", type: "receptionist", voiceId: "retell-Cimo", ...fields });

  it("is the same text for the same business and configuration, and holds no date of its own", () => {
    const knowledge = [entry(1, "Free parking behind the building.")];
    const once = generatePrompt({ business, knowledge, agent: agent() });
    expect(generatePrompt({ business, knowledge, agent: agent() })).toBe(once);
    expect(once).toContain("Today is {{today}}");
    expect(once).not.toMatch(/20\d\d-\d\d-\d\d.*today/i);
  });

  it("tells the enhanced style's services with prices, staff and knowledge, and keeps the basic one short", () => {
    const knowledge = [entry(1, "Free parking behind the building.")];
    const enhanced = generatePrompt({ business, knowledge, agent: agent() });
    const basic = generatePrompt({ business, knowledge, agent: agent({ promptStyle: "basic" }) });
    expect(enhanced).toContain("Dr. Maya Patel");
    expect(enhanced).toContain('Filling (callers may say "empaste"): 60 minutes, 180 USD');
    expect(enhanced).toContain("A: Free parking behind the building.");
    expect(basic).toContain('- Filling (callers may say "empaste")');
    expect(basic).not.toContain("180 USD");
    expect(basic).not.toContain("Dr. Maya Patel");
    expect(basic).not.toContain("Free parking");
    expect(basic).toContain("use business_info");
    expect(basic.length).toBeLessThan(enhanced.length);
  });

  it("follows the agent's type, approval, transfers and working hours", () => {
    const triage = generatePrompt({ business, knowledge: [], agent: agent({ type: "emergency_triage", requireApproval: false, transferNumber: "+14155550123", workingHours: { monday: [{ start: "07:00", end: "11:00" }] } }) });
    expect(triage).toContain("how urgent");
    expect(triage).toContain("done at once");
    expect(triage).toContain("call transfer_call");
    expect(triage).toContain("- Monday: 07:00–11:00");
    expect(triage).toContain("- Tuesday: closed");
    const noTransfers = generatePrompt({ business, knowledge: [], agent: agent() });
    expect(noTransfers).toContain("wait for the staff's approval");
    expect(noTransfers).toContain("Transfers are not possible");
  });

  it("holds only so much of the knowledge base, and points the agent at business_info for the rest", () => {
    const knowledge = Array.from({ length: 20 }, (_, n) => entry(n, "x".repeat(500)));
    const prompt = generatePrompt({ business, knowledge, agent: agent() });
    expect(prompt).toContain("Question 0?");
    expect(prompt).not.toContain("Question 19?");
    expect(prompt).toContain("use business_info with topic faq");
  });

  it("greets in the agent's language unless it has a greeting of its own", () => {
    expect(greetingOf(agent({ language: "es-US" }))).toMatch(/^Gracias por llamar a \{\{business_name\}\}, soy Ava/);
    expect(greetingOf(agent({ greeting: "Hi there!" }))).toBe("Hi there!");
  });
});

describe("an agent's tools", () => {
  it("are the allowed ones at this server's URLs, with transfer_call only when there is a number to transfer to", () => {
    const tools = toolDefinitions("https://desk.example", "agt_1", { tools: ["business_info", "check_availability"] });
    expect(tools.map((tool) => tool.name)).toEqual(["check_availability", "business_info"]);
    expect(tools[1]).toMatchObject({ url: "https://desk.example/webhooks/retell/agents/agt_1/tools/business_info", parameters: { required: ["topic"], properties: { topic: { enum: ["hours", "address", "directions", "services", "prices", "faq"] } } } });
    expect(publishedTools(tools, false).map((tool) => tool.name)).toEqual(["check_availability", "business_info", "end_call"]);
    expect(publishedTools(tools, true).map((tool) => tool.name)).toEqual(["check_availability", "business_info", "transfer_call", "end_call"]);
  });
});

describe("the prompt's line diff", () => {
  it("keeps, adds and removes lines in order", () => {
    expect(lineDiff("a\nb\nc", "a\nc\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "same", text: "c" },
      { op: "added", text: "d" },
    ]);
    expect(lineDiff("", "a")).toEqual([{ op: "added", text: "a" }]);
  });
});
