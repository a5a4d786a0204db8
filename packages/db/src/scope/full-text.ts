import { createHash } from "node:crypto";

/**
 * Helpers for the FTS5 indexes (`call_transcripts_fts`, `knowledge_fts`). Each indexed row carries its tenant as one
 * token, so a search filters by tenant inside the index; the scopes also join back on `tenant_id`.
 */

/** `t` and 16 hex digits of the tenant id's SHA-256: one token for the unicode61 tokenizer (no `_`, no `-`). */
export function tenantToken(tenantId: string): string {
  return `t${createHash("sha256").update(tenantId).digest("hex").slice(0, 16)}`;
}

/**
 * An FTS5 query for what a person typed, restricted to the tenant: each word becomes a quoted phrase (so no word is
 * read as query syntax), joined by AND (every word must occur) or OR (any, ranked). Undefined if nothing searchable.
 */
export function fullTextQuery(tenantId: string, columns: string[], typed: string, join: "AND" | "OR"): string | undefined {
  const words = typed
    .slice(0, 200)
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, 12)
    .map((word) => `"${word.replace(/"/g, '""')}"`);
  if (words.length === 0) return undefined;
  const target = columns.length === 1 ? columns[0]! : `{${columns.join(" ")}}`;
  return `tenant_token : "${tenantToken(tenantId)}" AND ${target} : (${words.join(` ${join} `)})`;
}
