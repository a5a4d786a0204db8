import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@frontdesk/server";

export const businessHeader = "x-frontdesk-business";

export interface FrontdeskMemberClientOptions {
  /** Origin of the Frontdesk server; the page must be one of its own (or a trusted origin), since the session cookie is first-party. */
  baseUrl: string;
  /** Which of the signed-in person's businesses the calls are for; needed only when they belong to several. */
  business?: string;
  fetch?: typeof fetch;
}

/**
 * The typed API for a back-office page of the server's own origin: every call carries the accounts session cookie,
 * and the person's role in the business gives what they may do. Failed calls reject with tRPC errors; `toClientError`
 * turns one into a `FrontdeskClientError`.
 */
export function createFrontdeskMemberClient(options: FrontdeskMemberClientOptions) {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: new URL("/trpc", options.baseUrl).href,
        headers: options.business ? { [businessHeader]: options.business } : {},
        // The server's pages send no referrer; "origin" keeps the page's origin on every call, which the server checks.
        fetch: (input, init) => send(input, { ...(init as RequestInit), credentials: "include", referrerPolicy: "origin" }),
      }),
    ],
  });
}

export type FrontdeskMemberClient = ReturnType<typeof createFrontdeskMemberClient>;
