/** A person using the accounts API and the back office over HTTP, as a browser would: cookies kept, the page's Origin sent. */
export interface Person {
  /** POST (or GET without a body) to `/api/auth/<path>`. */
  auth(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  /** One tRPC call with the session cookie. */
  call(path: string, input?: unknown, options?: { mutation?: boolean; headers?: Record<string, string> }): Promise<CallAnswer>;
  readonly cookies: Map<string, string>;
}

export interface CallAnswer {
  status: number;
  data?: any;
  code?: string;
  field?: string;
  message?: string;
}

export function person(serverUrl: string, origin = serverUrl): Person {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const keep = (headers: Headers) => {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === "";
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
  };
  return {
    cookies,
    async auth(path, body, extra = {}) {
      const response = await fetch(`${serverUrl}/api/auth/${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { origin, cookie: cookieHeader(), ...(body === undefined ? {} : { "content-type": "application/json" }), ...extra },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: "manual",
      });
      keep(response.headers);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async call(path, input, options = {}) {
      const headers = { origin, cookie: cookieHeader(), ...options.headers };
      const response = options.mutation
        ? await fetch(`${serverUrl}/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(input ?? null) })
        : await fetch(`${serverUrl}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers });
      keep(response.headers);
      const answer = (await response.json()) as { result?: { data: unknown }; error?: { message: string; data: { httpStatus: number; frontdesk: { code: string; field?: string } } } };
      return answer.error
        ? { status: answer.error.data.httpStatus, message: answer.error.message, ...answer.error.data.frontdesk }
        : { status: 200, data: answer.result!.data };
    },
  };
}

/** The link in the newest account mail to `to` (read from the server's database by the test). */
export function linkIn(text: string): string {
  const url = /https?:\/\/\S+/.exec(text)?.[0];
  if (!url) throw new Error(`No link in:\n${text}`);
  return url;
}
