import { z } from "zod";

/**
 * Free text people type (names, notes, reasons) ends up in plain-text mail, calendar files and other
 * people's screens, where a control character is an invisible trap and a line break can forge a line.
 * Control characters are C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F); U+2028 and U+2029 separate
 * lines too. The bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the text
 * around them, so a name could show as something else; the marks (U+200E, U+200F) and joiners stay.
 */
const lineBreaks = /[\n\r\u0085\u2028\u2029]/;
const controlsBesidesNewlineAndTab = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const anyControl = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function problemWith(text: string, multiline: boolean): string {
  if (!multiline && lineBreaks.test(text)) return "Keep this to one line: remove the line break.";
  if (!multiline && text.includes("\t")) return "Replace the tab with a space.";
  const found = (multiline ? controlsBesidesNewlineAndTab : anyControl).exec(text)?.[0] ?? "";
  const code = found.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
  return `Remove the invisible control character (U+${code}) from this text.`;
}

/** One line of text: a name, a title, or a reason quoted on one line of a message. Trimmed. */
export function singleLineText() {
  return z
    .string()
    .trim()
    .refine((text) => !anyControl.test(text), { error: (issue) => problemWith(String(issue.input), false) });
}

/** Text that may run over several lines (notes, descriptions, addresses): newlines and tabs are kept, CR LF becomes LF. Trimmed. */
export function multiLineText() {
  return z
    .string()
    .overwrite((text) => text.replace(/\r\n?/g, "\n"))
    .trim()
    .refine((text) => !controlsBesidesNewlineAndTab.test(text), { error: (issue) => problemWith(String(issue.input), true) });
}
