import { z } from "zod";
import { multiLineText, singleLineText } from "../text";
import { idSchema } from "./common";
import { knowledgeKinds } from "../vocabulary";

/** The knowledge base: questions with their answers, and business documents (text), that agents answer from. */

const tagList = z.array(singleLineText().min(1).max(40)).max(20, "Use at most 20 tags.");
const tags = tagList.default([]);

export const knowledgeEntryInput = z.object({
  kind: z.enum(knowledgeKinds),
  /** For `qa`, the question; for `document`, its title. */
  title: singleLineText().min(1, "Give the entry a title or question.").max(200, "Use at most 200 characters."),
  body: multiLineText().min(1, "Write the answer or the document's text.").max(20_000, "Use at most 20000 characters."),
  tags,
});

// Without defaults: a change names only what it changes (a default would wipe the tags).
export const updateKnowledgeEntryInput = knowledgeEntryInput.extend({ tags: tagList }).partial().extend({ entryId: idSchema });
export const knowledgeEntryIdInput = z.object({ entryId: idSchema });

export const knowledgeSearchInput = z.object({
  query: singleLineText().min(1, "Type something to search for.").max(200),
  limit: z.number().int().min(1).max(20).default(5),
});

export const knowledgeEntryOutput = z.object({
  id: z.string(),
  kind: z.enum(knowledgeKinds),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  updatedAt: z.string(),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntryOutput>;
export const knowledgeEntriesOutput = z.array(knowledgeEntryOutput);
