import type { Db } from "@frontdesk/db";
import { preferredCoding } from "./compression";

/** Queries whose answers are the same for everyone with the same key, page and input: what widgets poll. */
const cacheableProcedures = new Set(["/trpc/booking.availability", "/trpc/booking.catalog"]);
const maxAgeMs = 5_000;
const maxEntries = 500;

/** The headers that belong to the stored bytes themselves. */
const kept = ["content-type", "content-encoding", "vary"];

interface Answer {
  body: ArrayBuffer;
  headers: [string, string][];
  at: number;
  writes: number;
}

/**
 * Whole HTTP answers to widget queries, kept for a few seconds while nothing is written. Many visitors ask
 * the same month of the same service; serving the stored bytes skips parsing, computing and serialising.
 * The key includes the publishable key and the page's origin, so an answer is only ever given to a request
 * that was authorised for it; any write in this process (a booking, a revoked key) drops every answer.
 * Answers are kept as sent, compressed or not, so the key also holds the coding the request accepts.
 */
export function answerCache(db: Db, now: () => number) {
  const answers = new Map<string, Answer>();

  function keyOf(request: Request, url: URL): string | undefined {
    if (request.method !== "GET" || !cacheableProcedures.has(url.pathname)) return undefined;
    const coding = preferredCoding(request.headers.get("accept-encoding")) ?? "identity";
    return `${url.pathname}${url.search}|${request.headers.get("x-frontdesk-key")}|${request.headers.get("origin")}|${coding}`;
  }

  return {
    keyOf,

    get(key: string): Response | undefined {
      const answer = answers.get(key);
      if (!answer) return undefined;
      if (answer.writes !== db.writes || now() - answer.at > maxAgeMs) {
        answers.delete(key);
        return undefined;
      }
      return new Response(answer.body, { status: 200, headers: answer.headers });
    },

    /** Keeps a successful answer; call with the response before it is sent, it reads a copy. */
    async keep(key: string, response: Response, writesBefore: number): Promise<void> {
      if (response.status !== 200 || writesBefore !== db.writes) return;
      const body = await response.clone().arrayBuffer();
      if (writesBefore !== db.writes) return;
      if (answers.size >= maxEntries) answers.delete(answers.keys().next().value!);
      const headers = kept.flatMap((name): [string, string][] => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : []));
      answers.set(key, { body, headers, at: now(), writes: writesBefore });
    },
  };
}

export type AnswerCache = ReturnType<typeof answerCache>;
