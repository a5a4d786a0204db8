import { createHash } from "node:crypto";
import { FrontdeskError, isProviderError, type NumberBinding, type SipTrunk } from "@frontdesk/core";
import { forTenant, type Db, type PhoneNumber, type Tenant } from "@frontdesk/db";
import type { CarrierLink, PhoneConnections } from "../phone/connections";

/** Where a carrier's elastic SIP trunk sends inbound calls: Retell's SIP server. */
export const retellOriginationUrl = "sip:sip.retellai.com";

/** What a number answers with at Retell: the agent version it pins (or none). */
export type AgentPin = NumberBinding["inbound"];

/**
 * How a number reaches Retell: the Twilio account's elastic SIP trunk (made once per account, and kept on the
 * business's own connection once made), the binding Retell answers the number with, and the agent version it pins.
 */
export function numberWiring(deps: { db: Db; phone: PhoneConnections; publicUrl: string; now: () => number }) {
  const { db, phone } = deps;

  return {
    binding(row: Pick<PhoneNumber, "id" | "e164" | "nickname">, inbound: AgentPin): NumberBinding {
      return { inbound, inboundWebhookUrl: `${deps.publicUrl}/webhooks/retell/numbers/${row.id}/inbound`, nickname: row.nickname || row.e164 };
    },

    /** The account's trunk to Retell: from the business's connection when it has one already, else found or made at Twilio. */
    async trunkFor(tenant: Tenant, carrier: CarrierLink): Promise<SipTrunk> {
      const scope = forTenant(db, tenant.id);
      const connection = carrier.connectionId ? await scope.voiceConnection(carrier.connectionId) : undefined;
      if (connection?.trunkId && connection.trunkDomain && connection.sipUsername && connection.sipPasswordSealed) {
        return { trunkId: connection.trunkId, terminationUri: connection.trunkDomain, username: connection.sipUsername, password: phone.open(connection.sipPasswordSealed) };
      }
      // One trunk per Twilio account, named for it: `ensureSipTrunk` finds it again rather than making a second.
      const account = createHash("sha256").update(carrier.accountSid).digest("hex").slice(0, 16);
      const trunk = await carrier.telephony.ensureSipTrunk({ friendlyName: "Frontdesk to Retell", domainName: `frontdesk-${account}.pstn.twilio.com`, originationSipUrl: retellOriginationUrl });
      if (connection) {
        await db.write((writer) =>
          forTenant(writer, tenant.id).updateVoiceConnection(connection.id, {
            trunkId: trunk.trunkId,
            trunkDomain: trunk.terminationUri,
            sipUsername: trunk.username,
            sipPasswordSealed: phone.seal(trunk.password),
            updatedAt: deps.now(),
          }),
        );
      }
      return trunk;
    },

    /** The published version of one of the business's agents, as a number pins it. */
    async pinOf(tenant: Tenant, agentId: string, field: string): Promise<{ agentId: string; versionId: string; pin: NonNullable<AgentPin> }> {
      const scope = forTenant(db, tenant.id);
      const agent = await scope.agent(agentId);
      if (!agent || agent.deletedAt !== null) throw new FrontdeskError("NOT_FOUND", "This business has no agent with that id.", { field });
      const version = agent.publishedVersionId ? await scope.agentVersion(agent.publishedVersionId) : undefined;
      if (!agent.providerAgentId || !version || version.providerVersion === null) {
        throw new FrontdeskError("VALIDATION_FAILED", "Publish the agent before a number uses it: a number answers with a published version.", { field });
      }
      return { agentId: agent.id, versionId: version.id, pin: { providerAgentId: agent.providerAgentId, version: version.providerVersion } };
    },
  };
}

export type NumberWiring = ReturnType<typeof numberWiring>;

/** Whether a provider refused because the thing already exists (a retry of a request whose answer was lost). */
export const refusedAsExisting = (error: unknown) => isProviderError(error) && error.kind === "rejected";
