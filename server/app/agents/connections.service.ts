import type { z } from "zod";
import { FrontdeskError, isProviderError, type connectionInput, type connectionOutput, type VoiceProvider } from "@frontdesk/core";
import { forTenant, randomId, type Db, type Tenant, type VoiceConnection } from "@frontdesk/db";
import type { PhoneConnections } from "../phone/connections";

type ConnectionOutput = z.infer<typeof connectionOutput>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(connection: VoiceConnection): ConnectionOutput {
  return {
    id: connection.id,
    provider: connection.provider,
    mode: connection.mode,
    accountRef: connection.accountRef,
    status: connection.status,
    lastCheckedAt: iso(connection.lastCheckedAt),
    lastError: connection.lastError,
  };
}

/**
 * A business's own Retell and Twilio accounts: connected (the keys sealed at rest), tested, listed and removed.
 * Without one, the phone line uses the server's account, or the sandbox's fakes (`app.phone`). A sandbox business's
 * connections speak to the fakes, with the keys it gives, as another workspace there.
 */
export function connectionsService(deps: { db: Db; now: () => number; phone: PhoneConnections }) {
  const { db, now, phone } = deps;

  async function owned(tenant: Tenant, connectionId: string): Promise<VoiceConnection> {
    const connection = await forTenant(db, tenant.id).voiceConnection(connectionId);
    if (!connection) throw new FrontdeskError("NOT_FOUND", "This business has no connection with that id.", { field: "connectionId" });
    return connection;
  }

  /** One cheap read with the connection's keys: Retell's concurrency, Twilio's list of local numbers for sale. */
  async function probe(tenant: Tenant, connection: VoiceConnection): Promise<{ ok: true } | { ok: false; reason: string }> {
    try {
      if (connection.provider === "retell") {
        const result = await (await phone.voiceFor(tenant, connection.id)).agent.testConnection();
        return result.ok ? { ok: true } : { ok: false, reason: result.reason };
      }
      await (await phone.carrierFor(tenant, connection.id)).telephony.searchNumbers({ country: "US", type: "local", limit: 1 });
      return { ok: true };
    } catch (error) {
      if (isProviderError(error) || error instanceof FrontdeskError) return { ok: false, reason: error.message };
      throw error;
    }
  }

  async function test(tenant: Tenant, connection: VoiceConnection): Promise<ConnectionOutput> {
    const result = await probe(tenant, connection);
    const checked = { status: result.ok ? ("ok" as const) : ("failing" as const), lastCheckedAt: now(), lastError: result.ok ? null : result.reason.slice(0, 500), updatedAt: now() };
    await db.write((writer) => forTenant(writer, tenant.id).updateVoiceConnection(connection.id, checked));
    return present({ ...connection, ...checked });
  }

  return {
    async list(tenant: Tenant): Promise<ConnectionOutput[]> {
      return (await forTenant(db, tenant.id).voiceConnections()).map(present);
    },

    /** Saves (or replaces) the business's account at the provider, then tests it: a failing test is kept as the connection's status. */
    async connect(tenant: Tenant, input: z.output<typeof connectionInput>): Promise<ConnectionOutput> {
      const provider: VoiceProvider = input.provider;
      const secrets =
        input.provider === "retell"
          ? { accountRef: null, secretSealed: phone.seal(input.apiKey), webhookSecretSealed: input.webhookKey ? phone.seal(input.webhookKey) : null }
          : { accountRef: input.accountSid, secretSealed: phone.seal(input.authToken), webhookSecretSealed: null };
      const at = now();
      const saved = await db.write((writer) =>
        forTenant(writer, tenant.id).saveVoiceConnection({
          id: randomId("vcn"),
          provider,
          mode: tenant.sandbox ? "sandbox" : "live",
          ...secrets,
          baseUrl: null,
          status: "unchecked",
          lastCheckedAt: null,
          lastError: null,
          createdAt: at,
          updatedAt: at,
        }),
      );
      return test(tenant, saved);
    },

    async test(tenant: Tenant, connectionId: string): Promise<ConnectionOutput> {
      return test(tenant, await owned(tenant, connectionId));
    },

    /** Refused while an agent or a number uses it; calls it carried keep it too (the call log keeps its history). */
    async remove(tenant: Tenant, connectionId: string): Promise<void> {
      const connection = await owned(tenant, connectionId);
      const scope = forTenant(db, tenant.id);
      const agents = (await scope.agents()).filter((agent) => agent.connectionId === connection.id);
      const numbers = (await scope.phoneNumbers()).filter((number) => number.connectionId === connection.id);
      if (agents.length || numbers.length) {
        const users = [...agents.map((agent) => agent.name), ...numbers.map((number) => number.e164)].slice(0, 5).join(", ");
        throw new FrontdeskError("INVALID_TRANSITION", `This connection is in use (${users}): delete those agents and release those numbers first, or connect new keys to replace it.`, { field: "connectionId" });
      }
      try {
        await db.write((writer) => forTenant(writer, tenant.id).removeVoiceConnection(connection.id));
      } catch (error) {
        if (/FOREIGN KEY/i.test(String((error as { message?: string }).message ?? error))) {
          // Deleted agents and the call log keep pointing at the connection they used.
          throw new FrontdeskError("INVALID_TRANSITION", "Agents or calls of the past used this connection, so it stays for their history; connect new keys to replace it.", { field: "connectionId" });
        }
        throw error;
      }
    },
  };
}

export type ConnectionsService = ReturnType<typeof connectionsService>;
