import { createTRPCClient, httpLink, retryLink, type Operation } from "@trpc/client";
import type { AppRouter } from "@frontdesk/server";
import type { CurrentEmbedSession } from "@frontdesk/core";
import { FrontdeskClientError, type FrontdeskAdminClient } from "./index";

export type { CurrentEmbedSession };

/** The header an embed session's client secret travels in. */
export const embedSessionHeader = "x-frontdesk-session";

/** A session is refreshed this long before it lapses, so that no call is sent with one about to. */
const refreshMarginMs = 60_000;

export interface FrontdeskSessionClientOptions {
  /** Origin of the Frontdesk server. */
  baseUrl: string;
  /** A client secret the vendor's server minted and the page was given; used first. */
  clientSecret?: string;
  /** Asks the vendor's server for a new client secret: at first without `clientSecret`, before a session lapses, and after `EMBED_SESSION_EXPIRED`. */
  fetchClientSecret?: () => Promise<string>;
  fetch?: typeof fetch;
  /** The clock the session's expiry is compared with; the browser's by default. */
  now?: () => number;
}

/** The API in a SaaS vendor's page, through an embed session: what the session's role allows of the business it names. */
export interface FrontdeskSessionClient {
  /** The whole typed API; calls the session's role lacks the scope for answer `MISSING_SCOPE`. Failed calls reject with tRPC errors (`toClientError`). */
  api: FrontdeskAdminClient;
  /** The session now held (fetching or refreshing it first when needed): its expiry, widgets, role and scopes. */
  current(): Promise<CurrentEmbedSession>;
  /** The headers a plain `fetch` of one of the server's routes sends to act with this session (a call's recording). */
  headers(): Promise<Record<string, string>>;
}

interface Held {
  secret: string;
  session: CurrentEmbedSession;
}

/**
 * A client for a page that holds an embed session instead of a key. Every call carries the client secret; with
 * `fetchClientSecret`, a session is replaced before it lapses, and a call answered `EMBED_SESSION_EXPIRED` is sent
 * once more with a new one. The secret key stays on the vendor's server.
 */
export function createFrontdeskSessionClient(options: FrontdeskSessionClientOptions): FrontdeskSessionClient {
  const url = new URL("/trpc", options.baseUrl).href;
  const transport = options.fetch ? { fetch: options.fetch } : {};
  const now = options.now ?? (() => Date.now());
  const { fetchClientSecret } = options;
  let given = options.clientSecret;
  let held: Held | undefined;
  let opening: Promise<Held> | undefined;
  /** The secret each call went out with, so that a late answer does not throw away a session refreshed meanwhile. */
  const sentWith = new WeakMap<Operation, string>();

  async function describe(secret: string): Promise<Held> {
    const plain = createTRPCClient<AppRouter>({ links: [httpLink({ url, headers: { [embedSessionHeader]: secret }, ...transport })] });
    return { secret, session: await plain.embedSessions.current.query() };
  }

  async function open(): Promise<Held> {
    if (given !== undefined) {
      const secret = given;
      given = undefined;
      try {
        return await describe(secret);
      } catch (error) {
        if (!fetchClientSecret || codeOf(error) !== "EMBED_SESSION_EXPIRED") throw error;
      }
    }
    if (!fetchClientSecret) {
      throw new FrontdeskClientError("UNKNOWN_EMBED_SESSION", "This page has no embed session: give <fd-provider> a client-secret or a fetchClientSecret function.", "session");
    }
    return describe(await fetchClientSecret());
  }

  function session(): Promise<Held> {
    const lapsing = held && fetchClientSecret && now() >= Date.parse(held.session.expiresAt) - refreshMarginMs;
    if (held && !lapsing) return Promise.resolve(held);
    opening ??= open()
      .then((opened) => (held = opened))
      .finally(() => (opening = undefined));
    return opening;
  }

  const api = createTRPCClient<AppRouter>({
    links: [
      retryLink({
        retry({ op, error, attempts }) {
          if (attempts > 1 || !fetchClientSecret || codeOf(error) !== "EMBED_SESSION_EXPIRED") return false;
          if (held?.secret === sentWith.get(op)) held = undefined;
          return true;
        },
      }),
      httpLink({
        url,
        async headers({ op }) {
          const { secret } = await session();
          sentWith.set(op, secret);
          return { [embedSessionHeader]: secret };
        },
        ...transport,
      }),
    ],
  });

  return { api, current: async () => (await session()).session, headers: async () => ({ [embedSessionHeader]: (await session()).secret }) };
}

function codeOf(error: unknown): string | undefined {
  return (error as { data?: { frontdesk?: { code?: string } } } | undefined)?.data?.frontdesk?.code;
}
