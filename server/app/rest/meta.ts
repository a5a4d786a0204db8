import type { ProcedureMeta } from "../trpc";

type Route = NonNullable<ProcedureMeta["openapi"]>;

/** The groups the REST reference lists its routes under. */
export const restTags = {
  bookings: "Free times and new bookings.",
  appointments: "Appointments: list, read, decide and change.",
  config: "The business's services, staff, hours, holidays and policies.",
  keys: "Publishable and secret keys.",
  team: "The business's members and invitations.",
  webhooks: "Endpoints that receive signed events, and their deliveries.",
  customers: "One customer's personal data: export and erasure.",
  audit: "Who changed what, and who was refused.",
  embedSessions: "Sessions a SaaS vendor's server mints for the widgets it embeds.",
  sandbox: "Sandbox businesses only.",
  agents: "Phone agents: their drafts, published versions, voices and rollbacks.",
  connections: "The business's own Retell and Twilio accounts.",
  knowledge: "The knowledge base the phone agents answer from.",
  numbers: "Phone numbers: search, buy, bind agents, release, usage; porting numbers in.",
  calls: "The phone line's call log: transcripts, tool calls, recordings; outbound calls.",
  approvals: "The queue of actions the phone agent proposed: approve, edit, reject.",
  calendars: "Staff members' own Google and Outlook calendars: connect links, connections, chosen calendars.",
} as const;

/**
 * A procedure's REST route under `/api/v1`: method, path (its `{params}` are input fields), the operation's id and a
 * one-line summary. Every route needs a secret key (`bearerAuth`).
 */
export function rest(method: Route["method"], path: Route["path"], tag: keyof typeof restTags, operationId: string, summary: string, description?: string): ProcedureMeta {
  return { openapi: { method, path, tags: [tag], operationId, summary, protect: true, ...(description ? { description } : {}) } };
}
