import { FrontdeskError, type Scenario, type simulateCallInput, type simulateCallOutput } from "@frontdesk/core";
import { forTenant, type CallRow, type Db, type Tenant, type TenantScope } from "@frontdesk/db";
import { shippedScenarios } from "@frontdesk/retell/scenarios";
import type { z } from "zod";
import type { PhoneConnections } from "../phone/connections";
import { seenBit } from "./projection";

type SimulateInput = z.infer<typeof simulateCallInput>;
type SimulateOutput = z.infer<typeof simulateCallOutput>;
type Check = SimulateOutput["checks"][number];

/** What the fake's `POST /__fake/simulate` (with `wait: true`) answers. */
interface FakeSimulation {
  call_id: string;
  status: "running" | "done" | "failed";
  error?: string;
  result?: { status: "ended" | "not_connected" | "skipped" | "error"; passed: boolean; reason?: string; checks: Check[] };
}

export interface SimulatorDeps {
  db: Db;
  now: () => number;
  phone: Pick<PhoneConnections, "voiceFor">;
  /** How long to wait for the call's record after the last event, in ms. */
  projectionTimeoutMs?: number;
}

const allEvents = seenBit.call_started | seenBit.call_ended | seenBit.call_analyzed;
const builtInTools = new Set(["transfer_call", "end_call"]);

/** A scenario's record expectations (tools, the call, appointments, approvals, messages) against our own rows of one call. */
export async function scenarioRecordChecks(scope: TenantScope, scenario: Scenario, providerCallId: string, call: CallRow | undefined): Promise<Check[]> {
  const expect = scenario.expect;
  const checks: Check[] = [{ name: "call record", ok: call !== undefined, expected: "projected", actual: call ? `${call.status}, seen ${call.seen}` : "none" }];
  if (!call) return checks;
  const check = (name: string, expected: unknown, actual: unknown) => checks.push({ name, ok: JSON.stringify(expected) === JSON.stringify(actual), expected, actual });
  const invocations = await scope.toolInvocationsOfCall(providerCallId);
  if (expect.tools) {
    const wanted = expect.tools.filter((tool) => !builtInTools.has(tool.name));
    check("tool invocations", wanted, invocations.map((row, i) => (wanted[i]?.code === undefined ? { name: row.tool } : { name: row.tool, code: row.outcomeCode })));
  }
  for (const field of ["outcome", "intent", "direction"] as const) {
    const expected = expect.call?.[field];
    if (expected !== undefined) check(`call ${field}`, expected, call[field]);
  }
  if (expect.appointments) {
    const booked = [...new Set(invocations.filter((row) => row.tool === "book_appointment" && row.appointmentId).map((row) => row.appointmentId!))];
    const appointments = await Promise.all(booked.map((id) => scope.appointment(id)));
    check(
      "appointments",
      expect.appointments,
      appointments.map((appointment, i) => {
        const wanted = expect.appointments![i] ?? {};
        const actual = { service: appointment?.serviceId, status: appointment?.status, channel: appointment?.channel };
        return Object.fromEntries(Object.keys(wanted).map((key) => [key, actual[key as keyof typeof actual]]));
      }),
    );
  }
  if (expect.approvals) {
    const approvals = await scope.approvalsOfCall(providerCallId);
    check(
      "approvals",
      expect.approvals,
      approvals.map((approval, i) => (expect.approvals![i]?.status === undefined ? { kind: approval.kind } : { kind: approval.kind, status: approval.status })),
    );
  }
  if (expect.messages !== undefined) {
    const messages = (await scope.callerMessages()).filter((message) => message.providerCallId === providerCallId);
    check("messages", expect.messages, messages.length);
  }
  return checks;
}

/**
 * Simulated calls on the sandbox: a shipped scenario is played on the bundled Retell fake against this server's real
 * webhooks and tool endpoints, and then its `expect` is checked against the records the call left here.
 */
export function callSimulator({ db, now, phone, projectionTimeoutMs = 15_000 }: SimulatorDeps) {
  async function numberToCall(scope: TenantScope, numberId: string | undefined) {
    const active = (await scope.phoneNumbers(["active"])).filter((number) => number.agentId !== null);
    const number = numberId ? active.find((row) => row.id === numberId) : active[0];
    if (!number) {
      throw new FrontdeskError(
        "VALIDATION_FAILED",
        numberId ? "There is no active number with that id and an agent bound to it." : "Add a phone number and bind an agent to it before simulating a call.",
        { field: "numberId" },
      );
    }
    return number;
  }

  /** Our record of the call once every event has been projected onto it (the projection runs after the webhooks' answers). */
  async function projectedCall(scope: TenantScope, providerCallId: string): Promise<CallRow | undefined> {
    const deadline = Date.now() + projectionTimeoutMs;
    for (;;) {
      const call = await scope.callByProviderCallId(providerCallId);
      if ((call && (call.seen & allEvents) === allEvents) || Date.now() > deadline) return call;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  return {
    /** Plays a shipped scenario as a call to one of the business's numbers and checks what it left. Sandbox only. */
    async simulate(tenant: Tenant, input: SimulateInput): Promise<SimulateOutput> {
      const scenario = shippedScenarios.get(input.scenarioId);
      if (!scenario) {
        throw new FrontdeskError("NOT_FOUND", `There is no scenario ${input.scenarioId}. There are: ${[...shippedScenarios.keys()].join(", ")}.`, { field: "scenarioId" });
      }
      if (scenario.direction === "outbound") {
        throw new FrontdeskError("VALIDATION_FAILED", "This scenario is an outbound call: it plays when the agent places a call (calls.place).", { field: "scenarioId" });
      }
      const voice = await phone.voiceFor(tenant);
      if (voice.mode !== "sandbox" || !voice.sandboxFake) {
        throw new FrontdeskError("INVALID_TRANSITION", "Simulated calls play only on the sandbox; this business's phone line is live.");
      }
      const scope = forTenant(db, tenant.id);
      const number = await numberToCall(scope, input.numberId);

      const response = await fetch(`${voice.sandboxFake.url}/__fake/simulate`, {
        method: "POST",
        headers: { authorization: `Bearer ${voice.sandboxFake.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ scenario, to: number.e164, ...(input.callerNumber ? { from: input.callerNumber } : {}), start_at: now(), wait: true, metadata: { frontdesk_simulated: true, frontdesk_scenario_id: scenario.id } }),
        signal: AbortSignal.timeout(120_000),
      }).catch(() => undefined);
      const played = response?.ok ? ((await response.json()) as FakeSimulation) : undefined;
      if (!played?.result) {
        throw new FrontdeskError("PROVIDER_UNAVAILABLE", `The sandbox's voice provider could not play the call${played?.error ? ` (${played.error})` : ""}.`);
      }
      const result = played.result;
      // A skipped call, or one that never connected, sent no events and left no record: the provider's call id is all there is.
      if (result.status === "skipped") return { callId: played.call_id, passed: false, skipped: result.reason ?? "The scenario does not apply now.", checks: result.checks };
      const connected: Check = { name: "call played", ok: result.status === "ended", expected: "ended", actual: result.reason ? `${result.status}: ${result.reason}` : result.status };
      if (result.status === "not_connected" || result.checks.length === 0) return { callId: played.call_id, passed: false, checks: [connected, ...result.checks] };
      const call = await projectedCall(scope, played.call_id);
      const checks = [connected, ...result.checks, ...(await scenarioRecordChecks(scope, scenario, played.call_id, call))];
      return { callId: call?.id ?? played.call_id, passed: checks.every((check) => check.ok), checks };
    },
  };
}

export type CallSimulator = ReturnType<typeof callSimulator>;
