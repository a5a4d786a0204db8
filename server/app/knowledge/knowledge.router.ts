import { acknowledgedOutput, knowledgeEntriesOutput, knowledgeEntryIdInput, knowledgeEntryInput, knowledgeEntryOutput, knowledgeSearchInput, updateKnowledgeEntryInput } from "@frontdesk/core";
import { acknowledged, businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

// Reading the knowledge base goes with reading the agents that answer from it.
const reader = businessProcedure("agents:read");
const writer = businessProcedure("knowledge:write");

/** The knowledge base the phone agents answer from: questions with answers, and documents. */
export const knowledgeRouter = router({
  list: reader
    .meta(rest("GET", "/knowledge", "knowledge", "listKnowledge", "The knowledge base's entries, last changed first"))
    .output(knowledgeEntriesOutput)
    .query(({ ctx }) => ctx.app.knowledge.list(ctx.tenant.id)),

  search: reader
    .meta(rest("GET", "/knowledge/search", "knowledge", "searchKnowledge", "The entries that best answer a question", "Full-text: any of the words, accents ignored; best first."))
    .input(knowledgeSearchInput)
    .output(knowledgeEntriesOutput)
    .query(({ ctx, input }) => ctx.app.knowledge.search(ctx.tenant.id, input.query, input.limit)),

  add: writer
    .meta(rest("POST", "/knowledge", "knowledge", "addKnowledge", "Add a question and answer, or a document", "Agents' prompts hold it from their next publish; business_info finds it at once."))
    .input(knowledgeEntryInput)
    .output(knowledgeEntryOutput)
    .mutation(({ ctx, input }) => ctx.app.knowledge.add(ctx.tenant.id, input)),

  update: writer
    .meta(rest("PATCH", "/knowledge/{entryId}", "knowledge", "updateKnowledge", "Change an entry", "Only the fields given change."))
    .input(updateKnowledgeEntryInput)
    .output(knowledgeEntryOutput)
    .mutation(({ ctx, input }) => ctx.app.knowledge.update(ctx.tenant.id, input)),

  remove: writer
    .meta(rest("DELETE", "/knowledge/{entryId}", "knowledge", "removeKnowledge", "Remove an entry"))
    .input(knowledgeEntryIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.knowledge.remove(ctx.tenant.id, input.entryId))),
});
