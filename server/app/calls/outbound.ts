import { FrontdeskError, isProviderError, type placeCallInput } from "@frontdesk/core";
import { forTenant, randomId, type Db, type Tenant, type TenantScope } from "@frontdesk/db";
import type { z } from "zod";
import type { JobRunner } from "../jobs/jobs";
import type { PhoneConnections } from "../phone/connections";

/** The job that asks the voice provider to place one outbound call. */
export const placeCallKind = "call.place";

export type PlaceCall = z.infer<typeof placeCallInput>;

interface PlaceCallPayload extends PlaceCall {
  requestId: string;
  /** When it was asked for (epoch ms); absent on requests queued before it was kept. */
  requestedAt?: number;
}

/** How far before the request a provider's clock may be and still have placed its call. */
const clockSkewMs = 10 * 60_000;

export interface OutboundDeps {
  db: Db;
  now: () => number;
  jobs: JobRunner;
  phone: Pick<PhoneConnections, "voiceFor">;
}

/** A refusal no retry can change: a missing agent or number, the provider saying no. */
class NotPlaceable extends Error {}

/**
 * Outbound calls from an agent (a reminder, a follow-up): checked when asked for, then placed by a durable job through
 * the business's voice provider, so a provider outage retries instead of losing the call. The call's record starts
 * `registered` and fills in from the provider's events as for any call.
 *
 * Retell takes no idempotency key, so a retry (after an error whose call may have gone through, or after this
 * process stopped mid-attempt) first looks for a call of the agent carrying the request's id in its metadata, and
 * records that one instead of calling the person twice.
 */
export function outboundCalls({ db, now, jobs, phone }: OutboundDeps) {
  /** The agent's published version and the number it calls from; FrontdeskError (with the field) if it cannot call. */
  async function callPlan(scope: TenantScope, request: PlaceCall) {
    const agent = await scope.agent(request.agentId);
    if (!agent || agent.deletedAt !== null) throw new FrontdeskError("NOT_FOUND", "There is no such agent.", { field: "agentId" });
    if (agent.status !== "active" || !agent.providerAgentId || !agent.publishedVersionId) {
      throw new FrontdeskError("INVALID_TRANSITION", "Publish and activate this agent before it places calls.", { field: "agentId" });
    }
    const version = await scope.agentVersion(agent.publishedVersionId);
    const numbers = await scope.phoneNumbers(["active"]);
    const number = request.numberId ? numbers.find((row) => row.id === request.numberId) : numbers.find((row) => row.agentId === agent.id);
    if (!number) {
      throw new FrontdeskError("NOT_FOUND", request.numberId ? "There is no such active number." : "Give this agent an active number to call from.", {
        field: request.numberId ? "numberId" : "agentId",
      });
    }
    if (request.appointmentId && !(await scope.appointment(request.appointmentId))) {
      throw new FrontdeskError("NOT_FOUND", "There is no such appointment.", { field: "appointmentId" });
    }
    return { agent, version: version?.providerVersion ?? 0, from: number };
  }

  const queue = jobs.define<PlaceCallPayload>({
    kind: placeCallKind,
    retryDelaysMin: [1, 5, 15],
    permanent: (error) => error instanceof NotPlaceable || error instanceof FrontdeskError || (isProviderError(error) && !error.transient),
    async run(request, job) {
      const scope = forTenant(db, job.tenantId!);
      const tenant = await scope.tenant();
      if (!tenant) throw new NotPlaceable("The business is gone.");
      const { agent, version, from } = await callPlan(scope, request);
      const voice = await phone.voiceFor(tenant, agent.connectionId);
      const metadata = { frontdesk_request: request.requestId };
      const earlier =
        job.attempts > 1
          ? await voice.agent.findCall({ providerAgentId: agent.providerAgentId!, metadata, since: (request.requestedAt ?? 0) - clockSkewMs })
          : undefined;
      const placed =
        earlier ??
        (await voice.agent.placeCall({
          from: from.e164,
          to: request.to,
          providerAgentId: agent.providerAgentId!,
          version,
          variables: { purpose: request.purpose, ...(request.appointmentId ? { appointment_id: request.appointmentId } : {}) },
          metadata: { ...metadata, purpose: request.purpose, ...(request.appointmentId ? { appointment_id: request.appointmentId } : {}) },
        }));
      const at = now();
      await db.write(async (writer) => {
        const scope = forTenant(writer, tenant.id);
        // The provider's events may have made the record already (a call found again above): it stays as they made it.
        if (await scope.callByProviderCallId(placed.providerCallId)) return;
        await scope.saveCall({
          id: randomId("cal"),
          provider: "retell",
          providerCallId: placed.providerCallId,
          agentId: agent.id,
          agentVersionId: agent.publishedVersionId,
          phoneNumberId: from.id,
          connectionId: voice.connectionId,
          direction: "outbound",
          fromE164: from.e164,
          toE164: request.to,
          status: "registered",
          createdAt: at,
          updatedAt: at,
        });
      });
    },
  });

  return {
    /** Checks the request now (clear errors for a bad agent or number), then queues the call; resolves with its request id. */
    async place(tenant: Tenant, request: PlaceCall): Promise<{ requestId: string; status: "queued" }> {
      await callPlan(forTenant(db, tenant.id), request);
      const requestId = randomId("ocl");
      await queue.enqueue(db, [{ key: requestId, tenantId: tenant.id, runAt: now(), payload: { ...request, requestId, requestedAt: now() } }]);
      jobs.runSoon();
      return { requestId, status: "queued" };
    },
  };
}

export type OutboundCalls = ReturnType<typeof outboundCalls>;
