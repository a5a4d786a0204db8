/**
 * The demo's phone line on `pnpm start`, made through the REST API with the demo's secret key as a business would make
 * it: a receptionist and an after-hours agent published to the sandbox's Retell, the number +1 415 555 0100 bound to
 * them, and a few simulated calls, so that the call log is not empty. A later start finds all of it and adds nothing.
 */
const demoLine = "+14155550100";
/** Played in order until three calls are in the log: which apply depends on whether the clinic is open now. */
const demoScenarios = ["book-cleaning-next-tuesday", "knowledge-question", "escalate-to-human", "after-hours-message", "escalate-nobody-on-duty"];
const callsAtStart = 3;

const knowledge = [
  { kind: "qa", title: "Is there parking?", body: "Yes: free parking behind the building, and two accessible spaces by the door." },
  { kind: "qa", title: "Which insurance do you accept?", body: "We accept Delta Dental, Cigna, Aetna and MetLife, and we file the claim for you." },
];

type Api = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

export async function openDemoPhoneLine(frontdeskUrl: string, secretKey: string, log: (line: string) => void = console.log): Promise<void> {
  const api: Api = async (method, path, body) => {
    const response = await fetch(`${frontdeskUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.code ?? ""} ${answer.message ?? ""}`);
    return answer as never;
  };

  const numbers = await api<{ id: string; e164: string }[]>("GET", "/numbers");
  if (numbers.some((number) => number.e164 === demoLine)) return;

  const existing = await api<{ id: string; name: string }[]>("GET", "/agents");
  const agentNamed = async (name: string, config: Record<string, unknown>) => {
    const found = existing.find((agent) => agent.name === name);
    if (found) return found.id;
    const created = await api<{ id: string }>("POST", "/agents", { config: { name, voiceId: "retell-Cimo", ...config } });
    await api("POST", `/agents/${created.id}/publish`, { note: "Demo" });
    await api("POST", `/agents/${created.id}/activate`, {});
    return created.id;
  };
  const night = await agentNamed("Night desk", { type: "after_hours", greeting: "Hello, you've reached BrightSmile Dental after hours." });
  const ava = await agentNamed("Ava", { type: "receptionist", transferNumber: "+14155550123", afterHoursAgentId: night });
  const titles = new Set((await api<{ title: string }[]>("GET", "/knowledge")).map((entry) => entry.title));
  for (const entry of knowledge) if (!titles.has(entry.title)) await api("POST", "/knowledge", entry);
  const number = await api<{ id: string }>("POST", "/numbers", { phoneNumber: demoLine, nickname: "Front desk" });
  await api("PATCH", `/numbers/${number.id}`, { agentId: ava, afterHoursAgentId: night, status: "active" });
  log(`  Phone line ${demoLine}: agents Ava (receptionist) and Night desk (after hours), on the sandbox.`);

  let played = 0;
  for (const scenarioId of demoScenarios) {
    if (played >= callsAtStart) break;
    const result = await api<{ callId: string; passed: boolean; skipped?: string }>("POST", "/calls/simulate", { scenarioId });
    if (result.skipped) continue;
    played++;
    log(`  Simulated call ${result.callId} (${scenarioId}): ${result.passed ? "passed" : "did not pass its checks"}`);
  }
}
