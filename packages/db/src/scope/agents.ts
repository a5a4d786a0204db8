import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { KnowledgeKind } from "@frontdesk/core";
import { ormOf, type DrizzleDb, type Reader } from "../client";
import { agents, agentVersions, knowledgeEntries } from "../schema/agents";
import { fullTextQuery, tenantToken } from "./full-text";

export type Agent = typeof agents.$inferSelect;
export type NewAgent = Omit<typeof agents.$inferInsert, "tenantId">;
export type AgentPatch = Partial<Omit<typeof agents.$inferInsert, "tenantId" | "id">>;
export type AgentVersion = typeof agentVersions.$inferSelect;
export type NewAgentVersion = Omit<typeof agentVersions.$inferInsert, "tenantId">;
export type KnowledgeEntryRow = typeof knowledgeEntries.$inferSelect;
export type NewKnowledgeEntry = Omit<typeof knowledgeEntries.$inferInsert, "tenantId" | "tenantToken" | "seq">;

/** One tenant's phone agents and their published versions: reads. */
export function agentReads(orm: DrizzleDb, tenantId: string) {
  return {
    /** The agents not deleted, oldest first. */
    agents(): Promise<Agent[]> {
      return orm
        .select()
        .from(agents)
        .where(and(eq(agents.tenantId, tenantId), isNull(agents.deletedAt)))
        .orderBy(asc(agents.createdAt), asc(agents.id));
    },

    /** Deleted agents too: calls keep pointing at them. */
    async agent(id: string): Promise<Agent | undefined> {
      const [row] = await orm.select().from(agents).where(and(eq(agents.tenantId, tenantId), eq(agents.id, id)));
      return row;
    },

    /** Newest first. */
    agentVersions(agentId: string): Promise<AgentVersion[]> {
      return orm
        .select()
        .from(agentVersions)
        .where(and(eq(agentVersions.tenantId, tenantId), eq(agentVersions.agentId, agentId)))
        .orderBy(desc(agentVersions.number));
    },

    async agentVersion(id: string): Promise<AgentVersion | undefined> {
      const [row] = await orm.select().from(agentVersions).where(and(eq(agentVersions.tenantId, tenantId), eq(agentVersions.id, id)));
      return row;
    },
  };
}

/** One tenant's phone agents and their published versions: writes, only on a Writer's scope. */
export function agentWrites(orm: DrizzleDb, tenantId: string) {
  const reads = agentReads(orm, tenantId);
  return {
    async addAgent(values: NewAgent): Promise<Agent> {
      const [row] = await orm.insert(agents).values({ ...values, tenantId }).returning();
      return row!;
    },

    async updateAgent(id: string, patch: AgentPatch): Promise<Agent | undefined> {
      const [row] = await orm
        .update(agents)
        .set({ ...patch, updatedAt: sql`(unixepoch('subsec') * 1000)` })
        .where(and(eq(agents.tenantId, tenantId), eq(agents.id, id)))
        .returning();
      return row;
    },

    /** Undefined (and nothing written) when the agent is not the business's. */
    async addAgentVersion(values: NewAgentVersion): Promise<AgentVersion | undefined> {
      if (!(await reads.agent(values.agentId))) return undefined;
      const [row] = await orm.insert(agentVersions).values({ ...values, tenantId }).returning();
      return row;
    },
  };
}

/** One tenant's knowledge base: reads, and a ranked full-text search. */
export function knowledgeReads(orm: DrizzleDb, tenantId: string) {
  return {
    knowledgeEntries(kind?: KnowledgeKind): Promise<KnowledgeEntryRow[]> {
      return orm
        .select()
        .from(knowledgeEntries)
        .where(and(eq(knowledgeEntries.tenantId, tenantId), kind ? eq(knowledgeEntries.kind, kind) : undefined))
        .orderBy(desc(knowledgeEntries.updatedAt), asc(knowledgeEntries.id));
    },

    async knowledgeEntry(id: string): Promise<KnowledgeEntryRow | undefined> {
      const [row] = await orm.select().from(knowledgeEntries).where(and(eq(knowledgeEntries.tenantId, tenantId), eq(knowledgeEntries.id, id)));
      return row;
    },

    /** The entries that best answer `question` (any of its words; accents do not matter), best first. */
    async searchKnowledge(question: string, limit: number): Promise<KnowledgeEntryRow[]> {
      const query = fullTextQuery(tenantId, ["title", "body"], question, "OR");
      if (!query) return [];
      const ranked = await orm.all<{ seq: number }>(
        sql`select rowid as seq from knowledge_fts where knowledge_fts match ${query} order by bm25(knowledge_fts, 0, 2, 1) limit ${limit}`,
      );
      if (ranked.length === 0) return [];
      const rows = await orm
        .select()
        .from(knowledgeEntries)
        .where(and(eq(knowledgeEntries.tenantId, tenantId), sql`${knowledgeEntries.seq} in (${sql.join(ranked.map((row) => sql`${row.seq}`), sql`, `)})`));
      const order = new Map(ranked.map((row, index) => [row.seq, index]));
      return rows.sort((x, y) => order.get(x.seq)! - order.get(y.seq)!);
    },
  };
}

/** One tenant's knowledge base: writes, only on a Writer's scope. The full-text index follows by trigger. */
export function knowledgeWrites(orm: DrizzleDb, tenantId: string) {
  const own = (id: string) => and(eq(knowledgeEntries.tenantId, tenantId), eq(knowledgeEntries.id, id));
  return {
    async addKnowledgeEntry(values: NewKnowledgeEntry): Promise<KnowledgeEntryRow> {
      const [row] = await orm.insert(knowledgeEntries).values({ ...values, tenantId, tenantToken: tenantToken(tenantId) }).returning();
      return row!;
    },

    async updateKnowledgeEntry(id: string, patch: Partial<Omit<NewKnowledgeEntry, "id" | "createdAt">>): Promise<boolean> {
      const rows = await orm.update(knowledgeEntries).set(patch).where(own(id)).returning({ id: knowledgeEntries.id });
      return rows.length > 0;
    },

    async removeKnowledgeEntry(id: string): Promise<boolean> {
      const rows = await orm.delete(knowledgeEntries).where(own(id)).returning({ id: knowledgeEntries.id });
      return rows.length > 0;
    },
  };
}

/** The agent a Retell webhook or tool call names (by our id, in its URL), whoever's it is: the tenant comes from it. */
export async function agentForWebhook(db: Reader, agentId: string): Promise<Agent | undefined> {
  const [row] = await ormOf(db).select().from(agents).where(eq(agents.id, agentId));
  return row;
}
