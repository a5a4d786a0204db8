import { forTenant, randomId, type Db } from "@frontdesk/db";
import type { Person } from "@frontdesk/server/testing/accounts";
import type { BackOffice, SignedUp } from "@frontdesk/server/testing/back-office";
import { person } from "@frontdesk/server/testing/accounts";
import type { RunningServer } from "@frontdesk/server/testing/start-server";

export const demo = "ten_demo_brightsmile";

export interface DemoLine {
  /** A REST call under /api/v1 with the demo business's secret key. */
  rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Plays a shipped scenario through the real path and answers its call id once the call log holds it. */
  simulate(scenarioId: string): Promise<string>;
  agentId: string;
  numberId: string;
}

/** The demo business's phone line made as a business makes it: an agent published and activated, a number bought and bound. */
export async function openDemoLine(server: Pick<RunningServer, "url" | "demoSecretKey">): Promise<DemoLine> {
  const auth = { authorization: `Bearer ${server.demoSecretKey}` };
  async function rest(method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }
  async function must(method: string, path: string, body?: unknown) {
    const answer = await rest(method, path, body);
    if (answer.status !== 200) throw new Error(`${method} ${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  const ava = await must("POST", "/agents", { config: { name: "Ava", type: "receptionist", voiceId: "retell-Cimo", transferNumber: "+14155550123" } });
  await must("POST", `/agents/${ava.id}/publish`, {});
  await must("POST", `/agents/${ava.id}/activate`, {});
  const number = await must("POST", "/numbers", { phoneNumber: "+14155550100" });
  await must("PATCH", `/numbers/${number.id}`, { agentId: ava.id, status: "active" });
  // What knowledge-question asks about.
  await must("POST", "/knowledge", { kind: "qa", title: "Is there parking?", body: "Yes: free parking behind the building." });
  await must("POST", "/knowledge", { kind: "qa", title: "Which insurance do you accept?", body: "We accept Delta Dental, Cigna and Aetna." });
  return {
    rest,
    agentId: ava.id,
    numberId: number.id,
    async simulate(scenarioId) {
      const played = await must("POST", "/calls/simulate", { scenarioId });
      if (!played.passed) throw new Error(`${scenarioId} did not pass: ${JSON.stringify(played)}`);
      for (let round = 0; round < 150; round++) {
        const call = await rest("GET", `/calls/${played.callId}`);
        if (call.status === 200 && call.body.status === "ended" && call.body.outcome) return played.callId as string;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${scenarioId}'s call never reached the log`);
    },
  };
}

/** Someone who joined the demo business with `role`, invited with its secret key. */
export function joinDemo(office: BackOffice, name: string, email: string, role: "admin" | "staff"): Promise<Person> {
  const business = person(office.server.url);
  const inviter = { call: (path: string, input?: unknown, options: { mutation?: boolean } = {}) => business.call(path, input, { ...options, headers: { authorization: `Bearer ${office.server.demoSecretKey}` } }) } as unknown as SignedUp;
  return office.join(inviter, name, email, role);
}

/** The caller of book-cleaning-next-tuesday, whom the business knows by number and e-mail: their confirmations go by e-mail. */
export const bookingCaller = { id: "cus_0142", name: "Jordan Lee", email: "jordan@example.com", phone: "+14155550142" };

export async function addBookingCaller(db: Db): Promise<void> {
  await db.write((writer) => forTenant(writer, demo).saveCustomer({ ...bookingCaller, phoneE164: bookingCaller.phone, timeZone: null, locale: null }));
}

/** Finished calls from days before the test's clock, as the ingest writes them, for a log with more than one page. */
export async function addPastCalls(db: Db, count: number, before: number): Promise<void> {
  await db.write(async (writer) => {
    const scope = forTenant(writer, demo);
    for (let i = 0; i < count; i++) {
      const id = randomId("cal");
      const startedAt = before - (i + 1) * 3_600_000;
      await scope.saveCall({ id, providerCallId: `pc_${id}`, direction: "inbound", fromE164: `+1555010${String(i).padStart(4, "0")}`, toE164: "+14155550100", status: "ended", startedAt, endedAt: startedAt + 60_000, durationMs: 60_000, createdAt: startedAt, updatedAt: startedAt, outcome: "successful", intent: "question" });
    }
  });
}
