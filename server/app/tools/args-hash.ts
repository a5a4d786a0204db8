import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level: the same arguments hash the same however the model ordered them. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What a tool call is known by, with its call and tool: the provider's retries and its transcript name it alike. */
export function argsHashOf(args: unknown): string {
  return createHash("sha256").update(canonicalJson(args)).digest("hex");
}
