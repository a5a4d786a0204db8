import type { z } from "zod";
import { FrontdeskError, type KnowledgeEntry, type knowledgeEntryInput, type updateKnowledgeEntryInput } from "@frontdesk/core";
import { forTenant, randomId, type Db, type KnowledgeEntryRow } from "@frontdesk/db";

function present(row: KnowledgeEntryRow): KnowledgeEntry {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, tags: row.tags, updatedAt: new Date(row.updatedAt).toISOString() };
}

const notFound = () => new FrontdeskError("NOT_FOUND", "This business has no knowledge base entry with that id.", { field: "entryId" });

/**
 * The knowledge base: questions with their answers, and documents (text). The agents' prompts hold it (see
 * `agents/prompt.ts`: a change shows in `agents.preview` and reaches callers with the next publish), and the
 * `business_info` tool searches it during a call (`search`: full-text, any word, accents ignored).
 */
export function knowledgeService(deps: { db: Db; now: () => number }) {
  const { db, now } = deps;
  return {
    async list(tenantId: string): Promise<KnowledgeEntry[]> {
      return (await forTenant(db, tenantId).knowledgeEntries()).map(present);
    },

    async add(tenantId: string, input: z.output<typeof knowledgeEntryInput>): Promise<KnowledgeEntry> {
      const at = now();
      return present(await db.write((writer) => forTenant(writer, tenantId).addKnowledgeEntry({ id: randomId("kbe"), ...input, createdAt: at, updatedAt: at })));
    },

    async update(tenantId: string, input: z.output<typeof updateKnowledgeEntryInput>): Promise<KnowledgeEntry> {
      const { entryId, ...patch } = input;
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const updated = await db.write(async (writer) => {
        const scope = forTenant(writer, tenantId);
        if (!(await scope.updateKnowledgeEntry(entryId, { ...changes, updatedAt: now() }))) return undefined;
        return scope.knowledgeEntry(entryId);
      });
      if (!updated) throw notFound();
      return present(updated);
    },

    async remove(tenantId: string, entryId: string): Promise<void> {
      if (!(await db.write((writer) => forTenant(writer, tenantId).removeKnowledgeEntry(entryId)))) throw notFound();
    },

    /** The entries that best answer `query`, best first. */
    async search(tenantId: string, query: string, limit: number): Promise<KnowledgeEntry[]> {
      return (await forTenant(db, tenantId).searchKnowledge(query, limit)).map(present);
    },
  };
}

export type KnowledgeService = ReturnType<typeof knowledgeService>;
