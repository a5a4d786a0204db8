import { readFileSync } from "node:fs";

/** The fenced code blocks of one language in a file under docs/, in order: the examples the tests run. */
export function codeBlocks(doc: string, language: string): string[] {
  const text = readFileSync(new URL(`../../docs/${doc}`, import.meta.url), "utf8");
  return [...text.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((match) => match[1]!);
}
