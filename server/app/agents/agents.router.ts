import {
  acknowledgedOutput,
  agentDiffOutput,
  agentIdInput,
  agentOutput,
  agentsOutput,
  agentVersionOutput,
  agentVersionsOutput,
  createAgentInput,
  importAgentInput,
  publishAgentInput,
  rollbackAgentInput,
  updateAgentInput,
  voicesOutput,
} from "@frontdesk/core";
import type { Principal } from "../auth/principal";
import { acknowledged, businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("agents:read");
const writer = businessProcedure("agents:write");

/** Who published a version: the member signed in, or nobody by name (a key, an embed session). */
const publisher = (principal: Principal) => (principal.kind === "staff" ? principal.userId : null);

/** The business's phone agents: configuration (a draft), versions published to the voice provider, and their lifecycle. */
export const agentsRouter = router({
  list: reader
    .meta(rest("GET", "/agents", "agents", "listAgents", "The business's phone agents", "Deleted agents are not listed; their calls still name them."))
    .output(agentsOutput)
    .query(({ ctx }) => ctx.app.agents.list(ctx.tenant)),

  get: reader
    .meta(rest("GET", "/agents/{agentId}", "agents", "getAgent", "One phone agent, with its draft configuration"))
    .input(agentIdInput)
    .output(agentOutput)
    .query(({ ctx, input }) => ctx.app.agents.get(ctx.tenant, input.agentId)),

  voices: reader
    .meta(rest("GET", "/voices", "agents", "listVoices", "The voices an agent may speak with", "From the voice provider's list, each with a preview to listen to."))
    .output(voicesOutput)
    .query(({ ctx }) => ctx.app.agents.voices(ctx.tenant)),

  create: writer
    .meta(rest("POST", "/agents", "agents", "createAgent", "Make a phone agent", "It starts inactive and unpublished: `activate` publishes and turns it on."))
    .input(createAgentInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.create(ctx.tenant, input)),

  update: writer
    .meta(rest("PATCH", "/agents/{agentId}", "agents", "updateAgent", "Change an agent's draft", "Only the fields given change. Callers hear the change once it is published."))
    .input(updateAgentInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.update(ctx.tenant, input)),

  duplicate: writer
    .meta(rest("POST", "/agents/{agentId}/duplicate", "agents", "duplicateAgent", "Copy an agent's configuration into a new, inactive agent"))
    .input(agentIdInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.duplicate(ctx.tenant, input.agentId)),

  delete: writer
    .meta(rest("DELETE", "/agents/{agentId}", "agents", "deleteAgent", "Delete an agent", "Removed at the voice provider; refused while a phone number answers with it."))
    .input(agentIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.agents.remove(ctx.tenant, input.agentId))),

  activate: writer
    .meta(rest("POST", "/agents/{agentId}/activate", "agents", "activateAgent", "Turn an agent on", "An agent never published is published first."))
    .input(agentIdInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.activate(ctx.tenant, input.agentId, publisher(ctx.principal))),

  deactivate: writer
    .meta(rest("POST", "/agents/{agentId}/deactivate", "agents", "deactivateAgent", "Turn an agent off"))
    .input(agentIdInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.deactivate(ctx.tenant, input.agentId)),

  preview: reader
    .meta(rest("GET", "/agents/{agentId}/preview", "agents", "previewAgent", "What publishing the draft would change", "The generated prompt line by line, the tools and the configuration fields, against the published version."))
    .input(agentIdInput)
    .output(agentDiffOutput)
    .query(({ ctx, input }) => ctx.app.agents.preview(ctx.tenant, input.agentId)),

  publish: writer
    .meta(rest("POST", "/agents/{agentId}/publish", "agents", "publishAgent", "Publish the draft to the voice provider as the next version"))
    .input(publishAgentInput)
    .output(agentVersionOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.publish(ctx.tenant, input.agentId, { note: input.note, publishedBy: publisher(ctx.principal) })),

  versions: reader
    .meta(rest("GET", "/agents/{agentId}/versions", "agents", "listAgentVersions", "An agent's published versions, newest first"))
    .input(agentIdInput)
    .output(agentVersionsOutput)
    .query(({ ctx, input }) => ctx.app.agents.versions(ctx.tenant, input.agentId)),

  rollback: writer
    .meta(rest("POST", "/agents/{agentId}/rollback", "agents", "rollbackAgent", "Publish an earlier version again", "Its configuration, prompt and tools go out as the next version, and become the draft."))
    .input(rollbackAgentInput)
    .output(agentVersionOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.rollback(ctx.tenant, input.agentId, input.versionId, publisher(ctx.principal))),

  import: writer
    .meta(rest("POST", "/agents/import", "agents", "importAgent", "Take over an agent made at the voice provider", "Its name, voice, language and prompt (as custom instructions) become a new agent's draft."))
    .input(importAgentInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => ctx.app.agents.importAgent(ctx.tenant, input)),
});
