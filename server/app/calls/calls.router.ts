import { callDetailOutput, callExportInput, callExportOutput, callIdInput, callListInput, callLiveOutput, callPageOutput, placeCallInput, placeCallOutput, simulateCallInput, simulateCallOutput } from "@frontdesk/core";
import type { z } from "zod";
import { businessProcedure, declaredOutput } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";
import { liveSnapshots } from "./live";

const reader = businessProcedure("calls:read");
const writer = businessProcedure("calls:write");

/**
 * The live view's contract is one snapshot (`callLiveOutput`); the procedure answers a stream of them, which tRPC
 * types as an async iterable. Passed through unchecked, as every snapshot is built from typed rows.
 */
const liveOutput = declaredOutput(callLiveOutput) as unknown as z.ZodType<AsyncIterable<z.infer<typeof callLiveOutput>>>;

/** The call log: the business's calls, their transcripts and what the agent did, and outbound calls. */
export const callsRouter = router({
  list: reader
    .meta(rest("GET", "/calls", "calls", "listCalls", "The call log, newest first, a page at a time", "Filters by local date range, agent, number, outcome, intent and direction; `search` finds calls whose transcript holds every word (accents do not matter)."))
    .input(callListInput)
    .output(callPageOutput)
    .query(({ ctx, input }) => ctx.app.calls.list(ctx.tenant, input)),

  export: reader
    .meta(rest("GET", "/calls/export", "calls", "exportCalls", "The calls of a filter as CSV, up to 5,000 at a time"))
    .input(callExportInput)
    .output(callExportOutput)
    .query(async ({ ctx, input }) => ({ format: "csv" as const, ...(await ctx.app.calls.exportCsv(ctx.tenant, input)) })),

  get: reader
    .meta(rest("GET", "/calls/{callId}", "calls", "getCall", "One call: transcript, tool calls, approvals, talk time, cost", "`recordingUrl` (GET, with the secret key, an embed session or a member's session cookie) answers the stored recording as audio/wav."))
    .input(callIdInput)
    .output(callDetailOutput)
    .query(({ ctx, input }) => ctx.app.calls.detail(ctx.tenant, input.callId)),

  /** The live view once, for a client that polls rather than holds a stream open (an embed session's header cannot ride on EventSource). */
  liveNow: reader.output(callLiveOutput).query(({ ctx }) => ctx.app.calls.live(ctx.tenant)),

  /** Calls in progress and each agent's status, pushed (server-sent events) whenever they change. */
  live: reader.output(liveOutput).subscription(({ ctx, signal }) => liveSnapshots(() => ctx.app.calls.live(ctx.tenant), signal)),

  place: writer
    .meta(rest("POST", "/calls", "calls", "placeCall", "Place an outbound call from an agent", "Queues a reminder or follow-up call from the agent's number; the call appears in the log once the provider has it."))
    .input(placeCallInput)
    .output(placeCallOutput)
    .mutation(({ ctx, input }) => ctx.app.outbound.place(ctx.tenant, input)),

  simulate: writer
    .meta(rest("POST", "/calls/simulate", "calls", "simulateCall", "Play a scripted call on the sandbox and check what it left", "Sandbox businesses only. Plays a shipped scenario as a call to one of the business's numbers (the first active one with an agent unless `numberId` names one), through the real inbound webhook, tool endpoints and call events, then checks the scenario's expectations against the call's record, tool calls, appointments, approvals and messages."))
    .input(simulateCallInput)
    .output(simulateCallOutput)
    .mutation(({ ctx, input }) => ctx.app.simulator.simulate(ctx.tenant, input)),
});
