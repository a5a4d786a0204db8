import { z } from "zod";
import { multiLineText, singleLineText } from "../text";
import { idSchema } from "./common";
import { weekdayNames } from "./config";
import { e164Schema } from "./numbers";
import { agentStatuses, agentToolNames, agentTypes, connectionModes, connectionStatuses, voiceProviders } from "../vocabulary";

/**
 * Phone agents: what staff configure (`AgentConfig`), the versions published from it to the voice provider, and the
 * business's connections to the providers. The prompt and tools of a version are generated from the configuration
 * and the business's profile, services, hours, staff and knowledge base.
 */

/** `HH:MM` kept as written (the configuration is stored and shown as given), the end after the start. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use a time like 09:00 or 17:30.");
const workingHours = z.partialRecord(
  z.enum(weekdayNames),
  z.array(z.object({ start: clock, end: clock }).refine((range) => range.end > range.start, { message: "The end must be after the start.", path: ["end"] })).max(12),
);

const language = z.string().trim().regex(/^(?:[a-z]{2}-[A-Z]{2}|multi)$/, "Use a language such as en-US or es-US.");

export const agentConfigSchema = z.object({
  name: singleLineText().min(1, "Give the agent a name.").max(80, "Use at most 80 characters."),
  type: z.enum(agentTypes),
  /** A voice id from `agents.voices`. */
  voiceId: z.string().trim().min(1, "Pick a voice.").max(120),
  language: language.default("en-US"),
  greeting: singleLineText().max(300, "Use at most 300 characters.").default(""),
  personality: z.enum(["friendly", "professional", "calm", "upbeat"]).default("friendly"),
  customInstructions: multiLineText().max(4000, "Use at most 4000 characters.").default(""),
  /** `enhanced` adds the knowledge base, staff and service details to the prompt; `basic` keeps it short. */
  promptStyle: z.enum(["basic", "enhanced"]).default("enhanced"),
  /** Where callers are transferred to a person; null: no transfers, the agent takes a message. */
  transferNumber: e164Schema.nullable().default(null),
  escalation: z
    .object({
      /** Transfer when the caller asks for a person. */
      onRequest: z.boolean().default(true),
      /** Transfer when the caller is upset. */
      onFrustration: z.boolean().default(true),
      /** Words that always lead to a transfer (e.g. "emergency"). */
      keywords: z.array(singleLineText().min(1).max(40)).max(20).default([]),
    })
    .default({ onRequest: true, onFrustration: true, keywords: [] }),
  maxCallDurationMin: z.number().int().min(1, "At least 1 minute.").max(60, "At most 60 minutes.").default(15),
  /** Calls this agent answers at once; more go to the after-hours agent or take a message. Null: no limit of ours. */
  concurrentCallLimit: z.number().int().min(1).max(100).nullable().default(null),
  /** Bookings and changes the agent makes wait for staff approval. */
  requireApproval: z.boolean().default(true),
  /** The tools the agent may call. */
  tools: z.array(z.enum(agentToolNames)).default([...agentToolNames]),
  /** When this agent answers; null: the business's opening hours. Outside them the after-hours agent takes over. */
  workingHours: workingHours.nullable().default(null),
  /** Another agent of the business's that answers outside `workingHours`; null: this one answers at all hours. */
  afterHoursAgentId: idSchema.nullable().default(null),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

export const createAgentInput = z.object({ config: agentConfigSchema, connectionId: idSchema.optional() });
type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
/** The configuration's fields, each optional and without its default: a change names only what it changes. */
const agentConfigPatch = z.object(
  Object.fromEntries(Object.entries(agentConfigSchema.shape).map(([name, field]) => [name, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()])) as {
    [K in keyof typeof agentConfigSchema.shape]: z.ZodOptional<WithoutDefault<(typeof agentConfigSchema.shape)[K]>>;
  },
);
export const updateAgentInput = z.object({ agentId: idSchema, config: agentConfigPatch });
export const agentIdInput = z.object({ agentId: idSchema });
export const publishAgentInput = z.object({ agentId: idSchema, note: singleLineText().max(200).optional() });
export const rollbackAgentInput = z.object({ agentId: idSchema, versionId: idSchema });
export const importAgentInput = z.object({ providerAgentId: z.string().trim().min(1, "Required.").max(120), connectionId: idSchema.optional() });

export const agentOutput = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(agentTypes),
  status: z.enum(agentStatuses),
  lastError: z.string().nullable(),
  config: agentConfigSchema,
  publishedVersionId: z.string().nullable(),
  /** The published version's number (1, 2, …); null before the first publish. */
  publishedVersion: z.number().int().nullable(),
  /** The business's own provider connection the agent lives on; null: the server's (or the sandbox's). */
  connectionId: z.string().nullable(),
  /** The agent's id at the provider (Retell), once published or imported. */
  providerAgentId: z.string().nullable(),
  /** Whether the draft differs from the published version. */
  hasUnpublishedChanges: z.boolean(),
  sandbox: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgentRecord = z.infer<typeof agentOutput>;

export const agentVersionOutput = z.object({
  id: z.string(),
  number: z.number().int(),
  prompt: z.string(),
  toolNames: z.array(z.string()),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  note: z.string(),
});

/** What publishing the draft would change: shown before `agents.publish`. */
export const agentDiffOutput = z.object({
  prompt: z.object({
    before: z.string(),
    after: z.string(),
    /** The prompt line by line: kept, added by the draft, or removed from the published version. */
    lines: z.array(z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() })),
  }),
  tools: z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) }),
  /** The configuration's fields that differ from the published version's (voice, greeting, …). */
  config: z.array(z.string()),
  changed: z.boolean(),
  /** The published version compared against; null when nothing is published yet. */
  publishedVersionId: z.string().nullable(),
});

export const voiceOutput = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  gender: z.enum(["male", "female"]),
  accent: z.string().optional(),
  previewUrl: z.string().optional(),
});

export const agentsOutput = z.array(agentOutput);
export const agentVersionsOutput = z.array(agentVersionOutput);
export const voicesOutput = z.array(voiceOutput);

/** A business's own Retell account: its API key, and the key with the webhook badge if that is another one. */
export const retellConnectionInput = z.object({
  apiKey: z.string().trim().min(8, "Paste the API key from the Retell dashboard.").max(200),
  /** The key with the webhook badge, if it is not the API key itself. */
  webhookKey: z.string().trim().min(8).max(200).optional(),
});

/** A business's own Twilio account. */
export const twilioConnectionInput = z.object({
  accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, "Use the Account SID, which starts with AC."),
  authToken: z.string().trim().min(16, "Paste the Auth Token from the Twilio console.").max(200),
});

/** A business's own account at a provider; without one, the server's platform connection (from its environment) is used. */
export const connectionInput = z.discriminatedUnion("provider", [
  retellConnectionInput.extend({ provider: z.literal("retell") }),
  twilioConnectionInput.extend({ provider: z.literal("twilio") }),
]);

export const connectionIdInput = z.object({ connectionId: idSchema });

export const connectionOutput = z.object({
  id: z.string(),
  provider: z.enum(voiceProviders),
  mode: z.enum(connectionModes),
  /** Twilio's Account SID; never a secret. */
  accountRef: z.string().nullable(),
  status: z.enum(connectionStatuses),
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export const connectionsOutput = z.array(connectionOutput);
