import { versionedCache, type Db } from "@frontdesk/db";
import { preferredCoding, type PreparedAnswer } from "./compression";

/** Queries whose answers are the same for everyone with the same key, page and input: what widgets poll. */
const cacheableProcedures = new Set(["/trpc/booking.availability", "/trpc/booking.catalog"]);
const maxAgeMs = 5_000;
const maxEntries = 500;

/** The headers that belong to the stored bytes themselves. */
const kept = ["content-type", "content-encoding", "vary"];

interface Answer {
  body: Uint8Array<ArrayBuffer>;
  headers: [string, string][];
}

/**
 * Whole HTTP answers to widget queries, kept for a few seconds while nothing is written. Many visitors ask
 * the same month of the same service; serving the stored bytes skips parsing, computing and serialising.
 * The key includes the publishable key and the page's origin, so an answer is only ever given to a request
 * that was authorised for it; any write in this process (a booking, a revoked key) drops every answer.
 * Answers are kept as sent, compressed or not, so the key also holds the coding the request accepts.
 */
export function answerCache(db: Db, now: () => number) {
  const answers = versionedCache<Answer>(db, { maxEntries, maxAgeMs, now });

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
      return new Response(answer.body, { status: 200, headers: answer.headers });
    },

    /** Keeps a successful answer whose bytes were read, computed from reads that began at write version `writesBefore`. */
    keep(key: string, { response, body }: PreparedAnswer, writesBefore: number): void {
      if (response.status !== 200 || !body) return;
      const headers = kept.flatMap((name): [string, string][] => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : []));
      answers.set(key, { body, headers }, writesBefore);
    },
  };
}

export type AnswerCache = ReturnType<typeof answerCache>;
