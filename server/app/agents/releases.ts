import { createHash } from "node:crypto";
import type { z } from "zod";
import { FrontdeskError, type AgentConfig, type AgentRelease, type agentDiffOutput } from "@frontdesk/core";
import { forTenant, randomId, type Agent, type AgentVersion, type Db, type Tenant } from "@frontdesk/db";
import type { ConfigService } from "../config/config.service";
import type { PhoneConnections } from "../phone/connections";
import { withProvider } from "../phone/provider-errors";
import { dynamicDefaults, generatePrompt, greetingOf, lineDiff } from "./prompt";
import { analysisFields, definitionsOf, eventsUrl, publishedTools, toolDefinitions, type PublishedTool } from "./tools-spec";

export interface ReleaseDeps {
  db: Db;
  now: () => number;
  phone: PhoneConnections;
  config: ConfigService;
  publicUrl: string;
}

/** What a version publishes: the release for the provider, and the prompt and tools we keep with the version. */
export interface Draft {
  config: AgentConfig;
  prompt: string;
  tools: PublishedTool[];
  release: AgentRelease;
}

/** Told after every publish and rollback, e.g. so that the numbers answering with the agent pin its new version. */
export type PublishedListener = (tenant: Tenant, agent: Agent, version: AgentVersion) => Promise<void>;

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );

/** The configuration's fields whose values differ. */
export function changedFields(before: AgentConfig | undefined, after: AgentConfig): string[] {
  if (!before) return Object.keys(after).sort();
  return (Object.keys(after) as (keyof AgentConfig)[]).filter((key) => canonical(before[key]) !== canonical(after[key])).sort();
}

/**
 * Generating, comparing and publishing an agent's releases. A release is the prompt (generated from the business and
 * the configuration), the tools pointing at this server, the events URL and the post-call analysis fields. Each
 * publish makes a new provider version and an `agent_versions` row; a rollback publishes an earlier row's exact
 * prompt and tools again, as a new version.
 */
export function agentReleases(deps: ReleaseDeps) {
  const { db, now, phone, publicUrl } = deps;
  const listeners: PublishedListener[] = [];
  // One publish per agent at a time: version numbers are counted here, and the provider's drafts must not cross.
  const publishing = new Map<string, Promise<unknown>>();

  async function draftOf(tenant: Tenant, agent: Agent, config: AgentConfig, fixed?: { prompt: string; tools: PublishedTool[] }): Promise<Draft> {
    const scope = forTenant(db, tenant.id);
    const [business, knowledge, afterHours] = await Promise.all([
      deps.config.get(tenant.id),
      scope.knowledgeEntries(),
      config.afterHoursAgentId ? scope.agent(config.afterHoursAgentId) : Promise.resolve(undefined),
    ]);
    const prompt = fixed?.prompt ?? generatePrompt({ business, knowledge, agent: config, ...(afterHours && !afterHours.deletedAt ? { afterHoursAgentName: afterHours.name } : {}) });
    const transfers = config.tools.includes("transfer_to_human") && config.transferNumber !== null;
    const definitions = fixed ? definitionsOf(fixed.tools) : toolDefinitions(publicUrl, agent.id, config);
    const tools = fixed?.tools ?? publishedTools(definitions, transfers);
    return {
      config,
      prompt,
      tools,
      release: {
        name: config.name,
        voiceId: config.voiceId,
        language: config.language,
        prompt,
        greeting: greetingOf(config),
        dynamicDefaults: dynamicDefaults(business),
        tools: definitions,
        transfer: tools.some((tool) => tool.type === "transfer_call") ? { numberVariable: "{{transfer_number}}" } : null,
        eventsUrl: eventsUrl(publicUrl, agent.id),
        maxCallDurationMs: config.maxCallDurationMin * 60_000,
        analysis: analysisFields,
        versionTitle: "",
      },
    };
  }

  async function publishedOf(tenant: Tenant, agent: Agent): Promise<AgentVersion | undefined> {
    return agent.publishedVersionId ? forTenant(db, tenant.id).agentVersion(agent.publishedVersionId) : undefined;
  }

  async function release(tenant: Tenant, agent: Agent, draft: Draft, meta: { note: string; publishedBy: string | null }): Promise<AgentVersion> {
    const previous = publishing.get(agent.id) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(async () => {
      const scope = forTenant(db, tenant.id);
      const current = (await scope.agent(agent.id)) ?? agent;
      const number = ((await scope.agentVersions(agent.id))[0]?.number ?? 0) + 1;
      const link = await withProvider(() => phone.voiceFor(tenant, current.connectionId));
      const versionTitle = `Version ${number}${meta.note ? `: ${meta.note}` : ""}`.slice(0, 120);
      let published: { providerAgentId: string; version: number; providerLlmId: string };
      try {
        published = await withProvider(
          () => link.agent.publish({ ...draft.release, versionTitle }, current.providerAgentId ? { providerAgentId: current.providerAgentId } : undefined),
          { field: "config" },
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db.write((writer) => forTenant(writer, tenant.id).updateAgent(agent.id, { lastError: message.slice(0, 500) }));
        throw error;
      }
      const version = await db.transaction(async (tx) => {
        const write = forTenant(tx, tenant.id);
        const row = await write.addAgentVersion({
          id: randomId("agv"),
          agentId: agent.id,
          number,
          config: draft.config,
          prompt: draft.prompt,
          tools: draft.tools,
          promptHash: createHash("sha256").update(draft.prompt).digest("hex"),
          providerLlmId: published.providerLlmId,
          providerVersion: published.version,
          publishedAt: now(),
          publishedBy: meta.publishedBy,
          note: meta.note,
        });
        if (!row) throw new FrontdeskError("NOT_FOUND", "This business has no agent with that id.", { field: "agentId" });
        await write.updateAgent(agent.id, { providerAgentId: published.providerAgentId, publishedVersionId: row.id, lastError: null, status: current.status === "error" ? "inactive" : current.status });
        return row;
      });
      const updated = (await scope.agent(agent.id))!;
      for (const listener of listeners) await listener(tenant, updated, version);
      return version;
    });
    publishing.set(agent.id, turn);
    try {
      return await turn;
    } finally {
      if (publishing.get(agent.id) === turn) publishing.delete(agent.id);
    }
  }

  return {
    onPublished(listener: PublishedListener): void {
      listeners.push(listener);
    },

    draftOf,
    publishedOf,

    /** What publishing the draft would change against the published version: prompt lines, tools, configuration fields. */
    async preview(tenant: Tenant, agent: Agent): Promise<z.infer<typeof agentDiffOutput>> {
      const [draft, published] = await Promise.all([draftOf(tenant, agent, agent.draftConfig), publishedOf(tenant, agent)]);
      const before = published?.prompt ?? "";
      const beforeTools = new Map(((published?.tools ?? []) as PublishedTool[]).map((tool) => [tool.name, canonical(tool)]));
      const afterTools = new Map(draft.tools.map((tool) => [tool.name, canonical(tool)]));
      const tools = {
        added: [...afterTools.keys()].filter((name) => !beforeTools.has(name)),
        removed: [...beforeTools.keys()].filter((name) => !afterTools.has(name)),
        changed: [...afterTools.keys()].filter((name) => beforeTools.has(name) && beforeTools.get(name) !== afterTools.get(name)),
      };
      const config = changedFields(published?.config, draft.config);
      return {
        prompt: { before, after: draft.prompt, lines: lineDiff(before, draft.prompt) },
        tools,
        config,
        changed: !published || before !== draft.prompt || tools.added.length + tools.removed.length + tools.changed.length + config.length > 0,
        publishedVersionId: published?.id ?? null,
      };
    },

    async publish(tenant: Tenant, agent: Agent, meta: { note: string; publishedBy: string | null }): Promise<AgentVersion> {
      return release(tenant, agent, await draftOf(tenant, agent, agent.draftConfig), meta);
    },

    /** Publishes `versionId`'s configuration, prompt and tools again, as the next version; the draft becomes that configuration. */
    async rollback(tenant: Tenant, agent: Agent, versionId: string, publishedBy: string | null): Promise<AgentVersion> {
      const earlier = await forTenant(db, tenant.id).agentVersion(versionId);
      if (!earlier || earlier.agentId !== agent.id) throw new FrontdeskError("NOT_FOUND", "This agent has no version with that id.", { field: "versionId" });
      const draft = await draftOf(tenant, agent, earlier.config, { prompt: earlier.prompt, tools: earlier.tools as PublishedTool[] });
      const version = await release(tenant, agent, draft, { note: `Rollback to version ${earlier.number}`, publishedBy });
      // Only once it is out: a rollback that failed leaves the draft as it was.
      await db.write((writer) => forTenant(writer, tenant.id).updateAgent(agent.id, { draftConfig: earlier.config, name: earlier.config.name, type: earlier.config.type, requireApproval: earlier.config.requireApproval }));
      return version;
    },
  };
}

export type AgentReleases = ReturnType<typeof agentReleases>;
