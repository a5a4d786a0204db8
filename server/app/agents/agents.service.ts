import type { z } from "zod";
import { agentConfigSchema, agentToolNames, FrontdeskError, type AgentConfig, type AgentRecord, type agentVersionOutput, type createAgentInput, type updateAgentInput, type Voice } from "@frontdesk/core";
import { forTenant, randomId, type Agent, type AgentVersion, type Tenant } from "@frontdesk/db";
import { withProvider } from "../phone/provider-errors";
import { agentReleases, changedFields, type ReleaseDeps } from "./releases";

type VersionOutput = z.infer<typeof agentVersionOutput>;
const iso = (ms: number) => new Date(ms).toISOString();

function presentVersion(version: AgentVersion): VersionOutput {
  return {
    id: version.id,
    number: version.number,
    prompt: version.prompt,
    toolNames: (version.tools as { name: string }[]).map((tool) => tool.name),
    publishedAt: iso(version.publishedAt),
    publishedBy: version.publishedBy,
    note: version.note,
  };
}

/**
 * A business's phone agents: made from a configuration (`AgentConfig`), changed as a draft, published to the voice
 * provider as numbered versions (see `releases.ts`), activated and deactivated, duplicated, deleted (kept for the call
 * log), or imported from an agent that already exists at the provider.
 */
export function agentsService(deps: ReleaseDeps) {
  const { db, now, phone } = deps;
  const releases = agentReleases(deps);

  async function owned(tenant: Tenant, agentId: string): Promise<Agent> {
    const agent = await forTenant(db, tenant.id).agent(agentId);
    if (!agent || agent.deletedAt !== null) throw new FrontdeskError("NOT_FOUND", "This business has no agent with that id.", { field: "agentId" });
    return agent;
  }

  async function present(tenant: Tenant, agent: Agent): Promise<AgentRecord> {
    const published = await releases.publishedOf(tenant, agent);
    return {
      id: agent.id,
      name: agent.name,
      type: agent.type,
      status: agent.status,
      lastError: agent.lastError,
      config: agent.draftConfig,
      publishedVersionId: agent.publishedVersionId,
      publishedVersion: published?.number ?? null,
      connectionId: agent.connectionId,
      providerAgentId: agent.providerAgentId,
      hasUnpublishedChanges: !published || changedFields(published.config, agent.draftConfig).length > 0,
      sandbox: tenant.sandbox,
      createdAt: iso(agent.createdAt),
      updatedAt: iso(agent.updatedAt),
    };
  }

  /** The connection a new agent lives on: the one named, else the business's own Retell account, else none (the server's). */
  async function connectionFor(tenant: Tenant, connectionId: string | undefined): Promise<string | null> {
    const connections = await forTenant(db, tenant.id).voiceConnections();
    if (connectionId === undefined) return connections.find((connection) => connection.provider === "retell")?.id ?? null;
    const named = connections.find((connection) => connection.id === connectionId && connection.provider === "retell");
    if (!named) throw new FrontdeskError("NOT_FOUND", "This business has no Retell connection with that id.", { field: "connectionId" });
    return named.id;
  }

  async function voicesOf(tenant: Tenant, connectionId: string | null | undefined): Promise<Voice[]> {
    return withProvider(async () => (await phone.voiceFor(tenant, connectionId)).agent.listVoices());
  }

  /** The checks a configuration's fields cannot make alone: the voice exists at the provider, the after-hours agent here. */
  async function check(tenant: Tenant, config: AgentConfig, options: { agentId?: string; connectionId: string | null; voiceChanged: boolean }): Promise<void> {
    if (options.voiceChanged && !(await voicesOf(tenant, options.connectionId)).some((voice) => voice.id === config.voiceId)) {
      throw new FrontdeskError("VALIDATION_FAILED", `The voice provider has no voice ${config.voiceId}: pick one from agents.voices.`, { field: "config.voiceId" });
    }
    if (config.afterHoursAgentId !== null) {
      const other = await forTenant(db, tenant.id).agent(config.afterHoursAgentId);
      if (!other || other.deletedAt !== null) throw new FrontdeskError("NOT_FOUND", "This business has no agent with that id to take over after hours.", { field: "config.afterHoursAgentId" });
      if (other.id === options.agentId) throw new FrontdeskError("VALIDATION_FAILED", "An agent cannot be its own after-hours agent.", { field: "config.afterHoursAgentId" });
    }
  }

  async function add(tenant: Tenant, config: AgentConfig, connectionId: string | null, providerAgentId: string | null = null): Promise<Agent> {
    const at = now();
    return db.write((writer) =>
      forTenant(writer, tenant.id).addAgent({
        id: randomId("agt"),
        name: config.name,
        type: config.type,
        status: "inactive",
        draftConfig: config,
        requireApproval: config.requireApproval,
        connectionId,
        providerAgentId,
        createdAt: at,
        updatedAt: at,
      }),
    );
  }

  return {
    releases,
    /** Subscribes to every publish and rollback (e.g. the numbers re-pin the agent's new version). */
    onPublished: releases.onPublished,

    async list(tenant: Tenant): Promise<AgentRecord[]> {
      return Promise.all((await forTenant(db, tenant.id).agents()).map((agent) => present(tenant, agent)));
    },

    async get(tenant: Tenant, agentId: string): Promise<AgentRecord> {
      return present(tenant, await owned(tenant, agentId));
    },

    /** The provider's voices, each with a preview to listen to. */
    voices: (tenant: Tenant) => voicesOf(tenant, undefined),

    async create(tenant: Tenant, input: z.output<typeof createAgentInput>): Promise<AgentRecord> {
      const connectionId = await connectionFor(tenant, input.connectionId);
      await check(tenant, input.config, { connectionId, voiceChanged: true });
      return present(tenant, await add(tenant, input.config, connectionId));
    },

    /** Changes the draft; the published version answers calls until `publish`. */
    async update(tenant: Tenant, input: z.output<typeof updateAgentInput>): Promise<AgentRecord> {
      const agent = await owned(tenant, input.agentId);
      const patch = Object.fromEntries(Object.entries(input.config).filter(([, value]) => value !== undefined));
      const config = agentConfigSchema.parse({ ...agent.draftConfig, ...patch });
      await check(tenant, config, { agentId: agent.id, connectionId: agent.connectionId, voiceChanged: config.voiceId !== agent.draftConfig.voiceId });
      const updated = await db.write((writer) =>
        forTenant(writer, tenant.id).updateAgent(agent.id, { draftConfig: config, name: config.name, type: config.type, requireApproval: config.requireApproval }),
      );
      return present(tenant, updated!);
    },

    /** A new, unpublished and inactive agent with the same configuration. */
    async duplicate(tenant: Tenant, agentId: string): Promise<AgentRecord> {
      const agent = await owned(tenant, agentId);
      const name = `${agent.draftConfig.name} (copy)`.slice(0, 80);
      return present(tenant, await add(tenant, { ...agent.draftConfig, name }, agent.connectionId));
    },

    /** Removes the agent at the provider; our row stays, marked deleted, for the calls that name it. Refused while a number or agent relies on it. */
    async remove(tenant: Tenant, agentId: string): Promise<void> {
      const agent = await owned(tenant, agentId);
      const scope = forTenant(db, tenant.id);
      const numbers = (await scope.phoneNumbers()).filter((number) => number.agentId === agent.id || number.afterHoursAgentId === agent.id);
      if (numbers.length) throw new FrontdeskError("INVALID_TRANSITION", `Phone numbers answer with this agent (${numbers.map((n) => n.e164).join(", ")}): unbind it from them first.`, { field: "agentId" });
      const covering = (await scope.agents()).filter((other) => other.id !== agent.id && other.draftConfig.afterHoursAgentId === agent.id);
      if (covering.length) throw new FrontdeskError("INVALID_TRANSITION", `This agent takes over after hours for ${covering.map((other) => other.name).join(", ")}: choose another there first.`, { field: "agentId" });
      if (agent.providerAgentId) {
        const link = await withProvider(() => phone.voiceFor(tenant, agent.connectionId));
        await withProvider(() => link.agent.deleteAgent(agent.providerAgentId!));
      }
      await db.write((writer) => forTenant(writer, tenant.id).updateAgent(agent.id, { deletedAt: now(), status: "inactive", providerAgentId: null }));
    },

    /** Answers calls from now on; an agent never published is published first. */
    async activate(tenant: Tenant, agentId: string, publishedBy: string | null): Promise<AgentRecord> {
      let agent = await owned(tenant, agentId);
      if (!agent.publishedVersionId) {
        await releases.publish(tenant, agent, { note: "First version", publishedBy });
        agent = await owned(tenant, agentId);
      }
      await db.write((writer) => forTenant(writer, tenant.id).updateAgent(agent.id, { status: "active", lastError: null }));
      return present(tenant, await owned(tenant, agentId));
    },

    async deactivate(tenant: Tenant, agentId: string): Promise<AgentRecord> {
      const agent = await owned(tenant, agentId);
      await db.write((writer) => forTenant(writer, tenant.id).updateAgent(agent.id, { status: "inactive" }));
      return present(tenant, await owned(tenant, agentId));
    },

    async preview(tenant: Tenant, agentId: string) {
      return releases.preview(tenant, await owned(tenant, agentId));
    },

    async publish(tenant: Tenant, agentId: string, meta: { note?: string | undefined; publishedBy: string | null }): Promise<VersionOutput> {
      return presentVersion(await releases.publish(tenant, await owned(tenant, agentId), { note: meta.note ?? "", publishedBy: meta.publishedBy }));
    },

    async rollback(tenant: Tenant, agentId: string, versionId: string, publishedBy: string | null): Promise<VersionOutput> {
      return presentVersion(await releases.rollback(tenant, await owned(tenant, agentId), versionId, publishedBy));
    },

    /** Newest first. */
    async versions(tenant: Tenant, agentId: string): Promise<VersionOutput[]> {
      const agent = await owned(tenant, agentId);
      return (await forTenant(db, tenant.id).agentVersions(agent.id)).map(presentVersion);
    },

    /**
     * Takes over an agent made in the provider's dashboard: its name, voice, language, and its prompt as the custom
     * instructions. The next publish makes a new version of that same agent, with our tools. Importing it again
     * gives the same agent.
     */
    async importAgent(tenant: Tenant, input: { providerAgentId: string; connectionId?: string | undefined }): Promise<AgentRecord> {
      const connectionId = await connectionFor(tenant, input.connectionId);
      const existing = (await forTenant(db, tenant.id).agents()).find((agent) => agent.providerAgentId === input.providerAgentId && agent.connectionId === connectionId);
      if (existing) return present(tenant, existing);
      const link = await withProvider(() => phone.voiceFor(tenant, connectionId));
      const imported = await withProvider(() => link.agent.importAgent(input.providerAgentId), { field: "providerAgentId", notFound: "The voice provider has no agent with that id in this account." });
      const tools = agentToolNames.filter((name) => imported.toolNames.includes(name));
      const parsed = agentConfigSchema.safeParse({
        name: imported.name.trim().slice(0, 80) || "Imported agent",
        type: "custom",
        voiceId: imported.voiceId,
        language: imported.language,
        customInstructions: imported.prompt.slice(0, 4000),
        ...(tools.length ? { tools } : {}),
      });
      // A language we do not know (Retell's "multi" variants, a bare "en") starts as en-US, to be changed in the draft.
      const config = parsed.success ? parsed.data : agentConfigSchema.parse({ name: imported.name.trim().slice(0, 80) || "Imported agent", type: "custom", voiceId: imported.voiceId, customInstructions: imported.prompt.slice(0, 4000) });
      return present(tenant, await add(tenant, config, connectionId, input.providerAgentId));
    },
  };
}

export type AgentsService = ReturnType<typeof agentsService>;
