import type { Db } from "@frontdesk/db";

/** Queries whose answers are the same for everyone with the same key, page and input: what widgets poll. */
const cacheableProcedures = new Set(["/trpc/booking.availability", "/trpc/booking.catalog"]);
const maxAgeMs = 5_000;
const maxEntries = 500;

interface Answer {
  body: ArrayBuffer;
  contentType: string;
  at: number;
  writes: number;
}

/**
 * Whole HTTP answers to widget queries, kept for a few seconds while nothing is written. Many visitors ask
 * the same month of the same service; serving the stored bytes skips parsing, computing and serialising.
 * The key includes the publishable key and the page's origin, so an answer is only ever given to a request
 * that was authorised for it; any write in this process (a booking, a revoked key) drops every answer.
 */
export function answerCache(db: Db, now: () => number) {
  const answers = new Map<string, Answer>();

  function keyOf(request: Request, url: URL): string | undefined {
    if (request.method !== "GET" || !cacheableProcedures.has(url.pathname)) return undefined;
    return `${url.pathname}${url.search}|${request.headers.get("x-frontdesk-key")}|${request.headers.get("origin")}`;
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
      return new Response(answer.body, { status: 200, headers: { "content-type": answer.contentType } });
    },

    /** Keeps a successful answer; call with the response before it is sent, it reads a copy. */
    async keep(key: string, response: Response, writesBefore: number): Promise<void> {
      if (response.status !== 200 || writesBefore !== db.writes) return;
      const body = await response.clone().arrayBuffer();
      if (writesBefore !== db.writes) return;
      if (answers.size >= maxEntries) answers.delete(answers.keys().next().value!);
      answers.set(key, { body, contentType: response.headers.get("content-type") ?? "application/json", at: now(), writes: writesBefore });
    },
  };
}

export type AnswerCache = ReturnType<typeof answerCache>;
