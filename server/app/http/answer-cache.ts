import { versionedCache, type Db } from "@frontdesk/db";
import { preferredCoding, type ReadAnswer } from "./compression";

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

  function keyOf(request: Request, url: { pathname: string; search: string }): string | undefined {
    if (request.method !== "GET" || !cacheableProcedures.has(url.pathname)) return undefined;
    const coding = preferredCoding(request.headers.get("accept-encoding")) ?? "identity";
    return `${url.pathname}${url.search}|${request.headers.get("x-frontdesk-key")}|${request.headers.get("origin")}|${coding}`;
  }

  return {
    keyOf,

    /** The kept answer, with headers of its own for the caller to add to. */
    get(key: string): ReadAnswer | undefined {
      const answer = answers.get(key);
      if (!answer) return undefined;
      return { status: 200, headers: new Headers(answer.headers), body: answer.body };
    },

    /** Keeps a successful answer, computed from reads that began at write version `writesBefore`. */
    keep(key: string, { status, headers, body }: ReadAnswer, writesBefore: number): void {
      if (status !== 200) return;
      const own = kept.flatMap((name): [string, string][] => (headers.has(name) ? [[name, headers.get(name)!]] : []));
      answers.set(key, { body, headers: own }, writesBefore);
    },
  };
}

export type AnswerCache = ReturnType<typeof answerCache>;
