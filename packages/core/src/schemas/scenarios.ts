import { z } from "zod";
import { agentToolNames, approvalKinds, approvalStatuses, appointmentStatuses, bookingChannels, callDirections, callIntents, callOutcomes } from "../vocabulary";
import { toolAnswerCodes } from "./tools";
import { e164Schema } from "./numbers";

/**
 * Simulated calls: a scenario file (JSON) plays a caller against the real path (the inbound webhook, the agent's
 * tool calls with real signatures, then the call events). `{{…}}` in text and arguments reads the caller, the
 * inbound answer's dynamic variables, and earlier tool answers by their `as`.
 */

const localised = z.object({ en: z.string().min(1) }).catchall(z.string());

/** Tools the simulator performs itself, as the voice provider would. */
const builtInTools = ["transfer_call", "end_call"] as const;

const userTurn = z.object({ user: z.string().min(1) }).strict();
const agentTurn = z.object({ agent: z.string().min(1) }).strict();
const toolTurn = z
  .object({
    tool: z.enum([...agentToolNames, ...builtInTools]),
    args: z.record(z.string(), z.unknown()).default({}),
    /** The name later turns read this answer by. */
    as: z.string().regex(/^[a-z][a-z0-9_]*$/, "Use a name like avail.").optional(),
  })
  .strict();
const endTurn = z.object({ end: z.string().min(1) }).strict();
const simpleTurn = z.union([userTurn, agentTurn, toolTurn, endTurn]);
/** One level of choice, e.g. for a fully booked day: `{ "if": "avail.code == 'NO_SLOTS'", "then": [...], "else": [...] }`. */
const branchTurn = z
  .object({
    if: z.string().regex(/^[a-z][a-z0-9_.[\]]* (?:==|!=) '[^']*'$/, "Write a condition like avail.code == 'NO_SLOTS'."),
    then: z.array(simpleTurn),
    else: z.array(simpleTurn).default([]),
  })
  .strict();
export const scenarioTurnSchema = z.union([simpleTurn, branchTurn]);
export type ScenarioTurn = z.infer<typeof scenarioTurnSchema>;

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/),
    title: localised,
    language: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/),
    direction: z.enum(callDirections).default("inbound"),
    caller: z.object({ number: e164Schema, name: z.string().min(1).optional() }),
    /** Whether the business must be open (`true`) or closed (`false`) for the scenario to apply. */
    requires: z.object({ open: z.boolean().optional() }).default({}),
    turns: z.array(scenarioTurnSchema).min(1),
    analysis: z.object({
      call_summary: z.string(),
      user_sentiment: z.enum(["Positive", "Neutral", "Negative", "Unknown"]),
      call_successful: z.boolean(),
      custom: z.record(z.string(), z.unknown()).default({}),
    }),
    expect: z
      .object({
        routedTo: z.enum(["main", "after_hours"]).optional(),
        tools: z.array(z.object({ name: z.enum([...agentToolNames, ...builtInTools]), code: z.enum(toolAnswerCodes).optional() })).optional(),
        call: z.object({ outcome: z.enum(callOutcomes).optional(), intent: z.enum(callIntents).optional(), direction: z.enum(callDirections).optional() }).optional(),
        appointments: z.array(z.object({ service: z.string().optional(), status: z.enum(appointmentStatuses).optional(), channel: z.enum(bookingChannels).optional() })).optional(),
        approvals: z.array(z.object({ kind: z.enum(approvalKinds), status: z.enum(approvalStatuses).optional() })).optional(),
        messages: z.number().int().min(0).optional(),
      })
      .default({}),
    /** Test-only misbehaviour of the simulated provider. */
    chaos: z.object({ duplicate: z.number().int().min(1).max(10).optional(), shuffle: z.boolean().optional(), retryFirstToolCall: z.boolean().optional() }).optional(),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;
