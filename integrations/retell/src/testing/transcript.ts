/**
 * What the simulator says a call sounded like: utterances with word timings (about 2.6 words a second, 0.4 s
 * between turns), tool-call entries, and the call's cost, in Retell's field names. The clock is seconds of audio.
 */
import { randomBytes } from "node:crypto";
import type { Json } from "./fake-workspace";

const wordsPerSecond = 2.6;
const gapSeconds = 0.4;
/** Retell's list price for the voice engine, per minute, in cents. */
export const centsPerMinute = 7;

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

export class CallTranscript {
  /** Seconds into the call's audio. */
  private clock = 0;
  readonly utterances: Json[] = [];
  readonly withToolCalls: Json[] = [];

  say(role: "agent" | "user", content: string): void {
    const words = content.split(/\s+/).filter(Boolean).map((word) => {
      const start = this.clock;
      this.clock += 1 / wordsPerSecond;
      return { word, start: round(start), end: round(this.clock) };
    });
    this.clock += gapSeconds;
    const utterance = { role, content, words };
    this.utterances.push(utterance);
    this.withToolCalls.push(utterance);
  }

  /** A tool invocation and its result; the time the tool took passes on the call's clock too. */
  toolCall(name: string, args: unknown, result: { content: string; successful: boolean; latencyMs: number }): string {
    const id = randomBytes(8).toString("hex");
    this.withToolCalls.push({ role: "tool_call_invocation", tool_call_id: id, name, arguments: JSON.stringify(args) });
    this.clock += result.latencyMs / 1000;
    this.withToolCalls.push({ role: "tool_call_result", tool_call_id: id, content: result.content, successful: result.successful });
    return id;
  }

  get durationMs(): number {
    return Math.max(1000, Math.round(this.clock * 1000));
  }

  /** `Agent: …\nUser: …`, as Retell writes `transcript`. */
  get text(): string {
    return this.utterances.map((u) => `${u.role === "agent" ? "Agent" : "User"}: ${String(u.content)}\n`).join("");
  }
}

export function callCost(durationMs: number): Json {
  const seconds = Math.ceil(durationMs / 1000);
  const cost = Math.round(((centsPerMinute * seconds) / 60) * 100) / 100;
  return {
    product_costs: [{ product: "retell_platform", unit_price: centsPerMinute / 60, cost }],
    total_duration_seconds: seconds,
    total_duration_unit_price: centsPerMinute / 60,
    combined_cost: cost,
  };
}

/** End-to-end response latency: the tools' measured times on top of a steady voice pipeline. */
export function callLatency(toolLatenciesMs: number[]): Json {
  const values = [640, 710, 760, 820, 900, ...toolLatenciesMs.map((ms) => 700 + ms)].sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  return { e2e: { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), min: values[0], max: values.at(-1), num: values.length, values } };
}
