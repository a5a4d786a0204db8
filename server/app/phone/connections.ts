import { createHash } from "node:crypto";
import { FrontdeskError, type ConnectionMode, type Messenger, type TelephonyProvider, type VoiceProvider } from "@frontdesk/core";
import { agentForWebhook, forTenant, versionedCache, type Agent, type Db, type Tenant, type VoiceConnection } from "@frontdesk/db";
import { retellVoiceAgent, type RetellVoiceAgent } from "@frontdesk/retell";
import { twilioMessenger, twilioTelephony, type TwilioCredentials } from "@frontdesk/twilio";
import { endpointSecrets } from "../webhooks-out/endpoint-secrets";

/** Where the bundled fakes listen, once they run (in this process, or given by the environment). */
export interface SandboxProviders {
  retellUrl: string;
  twilioUrl: string;
  twilioAccount: { accountSid: string; authToken: string };
}

export interface PhoneConnectionOptions {
  db: Db;
  /** Seals the businesses' provider secrets at rest (FRONTDESK_SECRET). */
  serverSecret: string;
  /** Where Twilio's status callbacks come to; the URL their signatures are checked against. */
  publicUrl: string;
  /** The fakes; null when the sandbox is off. */
  sandbox: SandboxProviders | null;
  /** The platform's own accounts, for businesses that have not connected theirs. */
  platform?: { retell?: { apiKey: string; webhookKey?: string | undefined }; twilio?: { accountSid: string; authToken: string } };
}

/** A business's voice provider (Retell), ready to call. `connectionId` is null for the platform's or the sandbox's. */
export interface VoiceLink {
  connectionId: string | null;
  mode: ConnectionMode;
  agent: RetellVoiceAgent;
  /** The key Retell signs webhooks and tool calls with. */
  webhookKey: string;
  /** On the sandbox: the bundled fake's base URL and the workspace's key, for its control routes (simulated calls). */
  sandboxFake?: { url: string; apiKey: string };
}

/** A business's carrier (Twilio), ready to call. */
export interface CarrierLink {
  connectionId: string | null;
  mode: ConnectionMode;
  telephony: TelephonyProvider;
  sms: Messenger;
  /** The auth token Twilio signs status callbacks with. */
  authToken: string;
  accountSid: string;
  /** On the sandbox: the bundled fake's base URL, for its control routes (a port completing). */
  sandboxFake?: { url: string };
}

/** An agent as its tool calls and call events are checked: its business, and the key Retell signs them with. */
export interface AgentSigner {
  agent: Agent | undefined;
  tenant: Tenant | undefined;
  key: string | undefined;
}

export const sandboxRetellKeyPrefix = "key_sandbox_";
/** A change to an agent, its connection or its business made by another process reaches the webhook routes within this. */
const signerMaxAgeMs = 1_000;
const maxSigners = 1_000;

/**
 * Which provider account a business's phone line uses, and the adapters for it:
 * the business's own connection (its keys, sealed) if it made one; else the platform's account from the environment;
 * else, while the sandbox is on, the bundled fakes. Sandbox businesses (the demo) always use the fakes.
 * On the Retell fake each business has its own workspace, opened by a key derived from its id.
 */
export function phoneConnections(options: PhoneConnectionOptions) {
  const secrets = endpointSecrets(options.serverSecret, "voice connection secrets v1");
  const sandboxKeyOf = (tenantId: string) => `${sandboxRetellKeyPrefix}${createHash("sha256").update(`${options.serverSecret}:${tenantId}`).digest("hex").slice(0, 24)}`;
  const voiceAdapters = new Map<string, RetellVoiceAgent>();
  const carrierAdapters = new Map<string, { telephony: TelephonyProvider; sms: Messenger }>();

  const retell = (apiKey: string, baseURL?: string): RetellVoiceAgent => {
    const cacheKey = `${baseURL ?? ""} ${apiKey}`;
    let adapter = voiceAdapters.get(cacheKey);
    if (!adapter) {
      adapter = retellVoiceAgent({ apiKey, ...(baseURL ? { baseURL } : {}) });
      voiceAdapters.set(cacheKey, adapter);
    }
    return adapter;
  };
  const twilio = (credentials: TwilioCredentials) => {
    const cacheKey = `${credentials.apiOrigin ?? ""} ${credentials.accountSid} ${credentials.authToken}`;
    let adapters = carrierAdapters.get(cacheKey);
    if (!adapters) {
      adapters = {
        telephony: twilioTelephony(credentials),
        sms: twilioMessenger({ ...credentials, statusCallback: () => `${options.publicUrl}/webhooks/twilio/sms-status` }),
      };
      carrierAdapters.set(cacheKey, adapters);
    }
    return adapters;
  };

  const notConfigured = (provider: VoiceProvider) =>
    new FrontdeskError("PROVIDER_NOT_CONFIGURED", `This business has no ${provider === "retell" ? "Retell" : "Twilio"} account connected, and the server has none to lend.`, { field: "connectionId" });

  async function ownConnection(tenant: Tenant, provider: VoiceProvider, connectionId?: string | null): Promise<VoiceConnection | undefined> {
    const scope = forTenant(options.db, tenant.id);
    if (connectionId) {
      const connection = await scope.voiceConnection(connectionId);
      if (!connection || connection.provider !== provider) throw new FrontdeskError("NOT_FOUND", "No such connection.", { field: "connectionId" });
      return connection;
    }
    if (connectionId === null) return undefined;
    return (await scope.voiceConnections()).find((connection) => connection.provider === provider);
  }

  function voiceOfConnection(connection: VoiceConnection): VoiceLink {
    const apiKey = secrets.open(connection.secretSealed);
    const baseURL = connection.mode === "sandbox" ? options.sandbox?.retellUrl : undefined;
    if (connection.mode === "sandbox" && !baseURL) throw notConfigured("retell");
    return {
      connectionId: connection.id,
      mode: connection.mode,
      agent: retell(apiKey, baseURL),
      webhookKey: connection.webhookSecretSealed ? secrets.open(connection.webhookSecretSealed) : apiKey,
      ...(baseURL ? { sandboxFake: { url: baseURL, apiKey } } : {}),
    };
  }

  function platformVoice(tenant: Tenant): VoiceLink | undefined {
    const live = options.platform?.retell;
    if (live && !tenant.sandbox) return { connectionId: null, mode: "live", agent: retell(live.apiKey), webhookKey: live.webhookKey ?? live.apiKey };
    if (!options.sandbox) return undefined;
    const key = sandboxKeyOf(tenant.id);
    return { connectionId: null, mode: "sandbox", agent: retell(key, options.sandbox.retellUrl), webhookKey: key, sandboxFake: { url: options.sandbox.retellUrl, apiKey: key } };
  }

  function carrierOf(credentials: { accountSid: string; authToken: string }, mode: ConnectionMode, connectionId: string | null): CarrierLink {
    const apiOrigin = mode === "sandbox" ? options.sandbox?.twilioUrl : undefined;
    if (mode === "sandbox" && !apiOrigin) throw notConfigured("twilio");
    return { connectionId, mode, ...twilio({ ...credentials, ...(apiOrigin ? { apiOrigin } : {}) }), ...credentials, ...(apiOrigin ? { sandboxFake: { url: apiOrigin } } : {}) };
  }

  // Any write here that may change agents, connections or businesses (all but bookings and records) drops them all.
  const signers = versionedCache<AgentSigner>({ get writes() { return options.db.setupWrites; } }, { maxEntries: maxSigners, maxAgeMs: signerMaxAgeMs, now: Date.now });

  const link = {
    /**
     * The business's Retell: the connection named (null: the platform's or the sandbox's), else its own if it has one.
     * Throws PROVIDER_NOT_CONFIGURED when there is none at all.
     */
    async voiceFor(tenant: Tenant, connectionId?: string | null): Promise<VoiceLink> {
      const own = await ownConnection(tenant, "retell", connectionId);
      const link = own ? voiceOfConnection(own) : platformVoice(tenant);
      if (!link) throw notConfigured("retell");
      return link;
    },

    /** The business's Twilio, chosen the same way. */
    async carrierFor(tenant: Tenant, connectionId?: string | null): Promise<CarrierLink> {
      const own = await ownConnection(tenant, "twilio", connectionId);
      if (own) return carrierOf({ accountSid: own.accountRef ?? "", authToken: secrets.open(own.secretSealed) }, own.mode, own.id);
      const live = options.platform?.twilio;
      if (live && !tenant.sandbox) return carrierOf(live, "live", null);
      if (options.sandbox) return carrierOf(options.sandbox.twilioAccount, "sandbox", null);
      throw notConfigured("twilio");
    },

    /**
     * The key a Retell webhook or tool call for an agent (or number) on this connection must be signed with; undefined
     * when there is none, so that the caller answers as for a bad signature.
     */
    async retellWebhookKey(tenant: Tenant, connectionId: string | null): Promise<string | undefined> {
      try {
        return (await link.voiceFor(tenant, connectionId)).webhookKey;
      } catch {
        return undefined;
      }
    },

    /** The agent a webhook URL names, its business and its key: read once per set-up version, for at most a second. */
    agentSigner(agentId: string): Promise<AgentSigner> {
      return signers.load(agentId, async () => {
        const agent = await agentForWebhook(options.db, agentId);
        const tenant = agent ? await forTenant(options.db, agent.tenantId).tenant() : undefined;
        const key = agent && tenant ? await link.retellWebhookKey(tenant, agent.connectionId) : undefined;
        return { agent, tenant, key };
      });
    },

    seal: (secret: string) => secrets.seal(secret),
    open: (sealed: string) => secrets.open(sealed),
  };
  return link;
}

export type PhoneConnections = ReturnType<typeof phoneConnections>;
