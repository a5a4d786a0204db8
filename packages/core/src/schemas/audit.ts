import { z } from "zod";
import { instantSchema } from "./common";
import { principalKinds } from "./principals";

/** Who acted: one of the principals, or the server itself (tasks, lapsing holds). */
export const auditActorKinds = [...principalKinds, "system"] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

/** `ok`: the change was made; `denied`: the caller may not do it (nothing changed); `failed`: it was refused for another reason. */
export const auditOutcomes = ["ok", "denied", "failed"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** Entries per page of `audit.list`, at most. */
export const maxAuditPageSize = 200;
/** Entries one `audit.export` answer holds, at most; a longer range is exported in parts (`nextFrom`). */
export const maxAuditExportEntries = 5000;
/** The longest range one `audit.export` covers. */
export const maxAuditExportDays = 31;

const filters = {
  /** From this instant (inclusive). */
  from: instantSchema.optional(),
  /** Up to this instant (exclusive). */
  to: instantSchema.optional(),
  actorKind: z.enum(auditActorKinds).optional(),
  actorId: z.string().max(128).optional(),
  /** An action (`appointment.cancelled`), or a family of them ending in `.*` (`config.*`). */
  action: z
    .string()
    .max(100)
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, "Use an action such as appointment.cancelled, or a family such as config.*.")
    .optional(),
};

export const auditListInput = z.object({
  ...filters,
  limit: z.number().int().min(1).max(maxAuditPageSize, `Ask for at most ${maxAuditPageSize} entries a page.`).default(50),
  /** The `nextCursor` of the page before. */
  cursor: z.string().max(200).optional(),
});

export const auditEntryOutput = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.enum(auditActorKinds),
  /** A user id, a key's prefix, a session or appointment id: never a secret. */
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  errorCode: z.string().nullable(),
  /** A keyed hash of the caller's network address: the same address gives the same value, and it cannot be turned back. */
  ipHash: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntryOutput>;

export const auditListOutput = z.object({ entries: z.array(auditEntryOutput), nextCursor: z.string().nullable() });

export const auditExportInput = z
  .object({ ...filters, from: instantSchema, to: instantSchema, format: z.enum(["jsonl", "csv"]).default("jsonl") })
  .refine((value) => Date.parse(value.from) < Date.parse(value.to), { message: "`from` must be before `to`.", path: ["to"] })
  .refine((value) => Date.parse(value.to) - Date.parse(value.from) <= maxAuditExportDays * 86_400_000, {
    message: `Export at most ${maxAuditExportDays} days at a time.`,
    path: ["to"],
  });

export const auditExportOutput = z.object({
  format: z.enum(["jsonl", "csv"]),
  /** One entry a line, oldest first (CSV: after a header line). */
  content: z.string(),
  count: z.number().int(),
  /** Set when the range held more than one export may: export again from here for the rest. */
  nextFrom: z.string().nullable(),
});
