import type { AuditEntry } from "@frontdesk/core";

const columns = ["id", "at", "actorKind", "actorId", "action", "targetType", "targetId", "outcome", "errorCode", "ipHash", "userAgent", "detail"] as const;

/**
 * A field as CSV (RFC 4180): quoted when it holds a comma, quote or line break. A field a spreadsheet would run as a
 * formula (=, +, -, @; a user agent is whatever the caller sent) starts with an apostrophe instead.
 */
function field(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Audit entries as CSV: a header line, then one line per entry; `detail` as JSON. */
export function auditCsv(entries: AuditEntry[]): string {
  return [columns.join(","), ...entries.map((entry) => columns.map((column) => field(entry[column])).join(","))].map((line) => `${line}\r\n`).join("");
}
