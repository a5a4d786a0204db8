import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { AppointmentSummary } from "@frontdesk/core";
import type { App } from "../app/create-app";
import { appRouter } from "../app/router";
import { requestContext, type RequestContext } from "../app/trpc";
import type { TestApp } from "./app-harness";

export interface CallAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
  code?: string;
  field?: string;
  message?: string;
}

export interface CallOptions {
  input?: unknown;
  /** POST, for a mutation; a query is a GET with its input in the query string. */
  change?: boolean;
  headers?: Record<string, string>;
  /** The socket address the request comes from. */
  ip?: string;
  /** Changes the request's context, e.g. to give its key fewer scopes. */
  shape?: (context: RequestContext) => RequestContext;
}

/** One call as HTTP, through the same tRPC handler and request context as the server's route, on the test app's libSQL file. */
export async function callApp(app: App, path: string, options: CallOptions = {}): Promise<CallAnswer> {
  const { input, change = false, headers = {} } = options;
  const query = !change && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : "";
  const request = Object.assign(
    new Request(`http://frontdesk.test/trpc/${path}${query}`, {
      headers: { ...headers, ...(change ? { "content-type": "application/json" } : {}) },
      ...(change ? { method: "POST", body: JSON.stringify(input ?? null) } : {}),
    }),
    options.ip ? { ip: options.ip } : {},
  );
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    req: request,
    router: appRouter,
    createContext: () => (options.shape ?? ((context) => context))(requestContext(app, request, { allow() {} })),
  });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string; data: { frontdesk: { code: string; field?: string } } } };
  return body.error ? { status: response.status, message: body.error.message, ...body.error.data.frontdesk } : { status: response.status, data: body.result!.data };
}

/** Books the demo's first free consultation `daysAhead` days from the test clock, for this customer, as the website would. */
export async function bookDemo(t: TestApp, customer: { name: string; email: string; phone?: string }, daysAhead = 3, notes?: string): Promise<AppointmentSummary> {
  const tenant = await t.tenant();
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const day = 86_400_000;
  const { slots } = await t.app.booking.availability(tenant, { serviceId: "svc_consult", from: isoDate(t.clock.now() + daysAhead * day), to: isoDate(t.clock.now() + (daysAhead + 7) * day) });
  return t.app.booking.create(tenant, { serviceId: "svc_consult", start: slots[0]!.start, customer, ...(notes ? { notes } : {}) });
}
