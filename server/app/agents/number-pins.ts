import { forTenant, type Db } from "@frontdesk/db";
import type { PhoneConnections } from "../phone/connections";
import type { PublishedListener } from "./releases";

/** Where Retell asks about each inbound call of a number: the route contract (`/webhooks/retell/numbers/{numberId}/inbound`). */
export const inboundUrl = (publicUrl: string, numberId: string) => `${publicUrl}/webhooks/retell/numbers/${numberId}/inbound`;

/**
 * After a publish or rollback, the numbers answering with the agent pin its new version, at Retell (`bindNumber`) and
 * in their row (`pinnedVersionId`). A number Retell refuses keeps its earlier version; the agent's `lastError` says
 * which, and the next publish tries again.
 */
export function repinNumbers(deps: { db: Db; now: () => number; phone: PhoneConnections; publicUrl: string }): PublishedListener {
  const { db, now, phone, publicUrl } = deps;
  return async (tenant, agent, version) => {
    if (!agent.providerAgentId || version.providerVersion === null) return;
    const numbers = (await forTenant(db, tenant.id).phoneNumbers(["active", "inactive"])).filter((number) => number.agentId === agent.id && number.retellImported);
    const stuck: string[] = [];
    for (const number of numbers) {
      try {
        const link = await phone.voiceFor(tenant, agent.connectionId);
        await link.agent.bindNumber(number.e164, {
          inbound: { providerAgentId: agent.providerAgentId, version: version.providerVersion },
          inboundWebhookUrl: inboundUrl(publicUrl, number.id),
          nickname: number.nickname,
        });
        await db.write((writer) => forTenant(writer, tenant.id).updatePhoneNumber(number.id, { pinnedVersionId: version.id, updatedAt: now() }));
      } catch (error) {
        stuck.push(`${number.e164} (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    if (stuck.length) {
      const lastError = `Version ${version.number} is published, but these numbers still answer with an earlier one: ${stuck.join("; ")}`.slice(0, 500);
      await db.write((writer) => forTenant(writer, tenant.id).updateAgent(agent.id, { lastError }));
    }
  };
}
