import type { Package } from "custom-elements-manifest/schema";
import { elementsOf, type ElementDeclaration } from "./manifest";

export const docsStart = "<!-- reference:start — made from custom-elements.json by `pnpm --filter @frontdesk/elements generate`; do not edit by hand -->";
export const docsEnd = "<!-- reference:end -->";

const cell = (text: string | undefined) => (text ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim();
const code = (text: string | undefined) => (text ? `\`${cell(text)}\`` : "—");
const table = (head: string[], rows: string[][]) =>
  rows.length ? [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n") : "";

const detailOf = (type: string | undefined) => /^CustomEvent<(.*)>$/s.exec(type ?? "")?.[1];

function elementSection(element: ElementDeclaration): string {
  const attributes = (element.attributes ?? []).map((attribute) => [
    code(attribute.name),
    code(attribute.fieldName),
    code(attribute.type?.text?.replace(/ \| undefined$/, "")),
    cell(attribute.description),
  ]);
  const events = (element.events ?? []).map((event) => {
    const detail = detailOf(event.type?.text);
    return [code(event.name), detail && detail !== "null" ? code(detail) : "—", cell(event.description)];
  });
  const methods = (element.members ?? [])
    .filter((member) => member.kind === "method" && !member.static && member.privacy !== "private" && member.privacy !== "protected")
    .map((method) => [code(`${method.name}()`), cell(method.description)]);
  const parts = (element.cssParts ?? []).map((part) => [code(part.name), cell(part.description)]);
  const properties = (element.cssProperties ?? []).map((property) => [code(property.name), code(property.default), cell(property.description)]);
  const slots = (element.slots ?? []).map((slot) => [slot.name ? code(slot.name) : "(default)", cell(slot.description)]);
  return [
    `### \`<${element.tagName}>\``,
    cell(element.summary ?? element.description),
    table(["attribute", "property", "type", "what"], attributes),
    table(["event", "`detail`", "when"], events),
    table(["method", "what"], methods),
    table(["slot", "what"], slots),
    table(["CSS part", "what"], parts),
    table(["custom property", "default", "what"], properties),
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The reference section of docs/embedding.md: every element with its attributes, events, methods, slots, parts and custom properties. */
export function referenceSection(manifest: Package): string {
  return [docsStart, elementsOf(manifest).map(elementSection).join("\n\n"), docsEnd].join("\n\n");
}

/** docs/embedding.md with its reference section replaced by `section`. */
export function withReference(markdown: string, section: string): string {
  const start = markdown.indexOf(docsStart);
  const end = markdown.indexOf(docsEnd);
  if (start < 0 || end < start) throw new Error("docs/embedding.md has no reference section between its reference:start and reference:end comments");
  return markdown.slice(0, start) + section + markdown.slice(end + docsEnd.length);
}
