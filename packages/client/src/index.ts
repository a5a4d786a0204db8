import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@frontdesk/server";
import type {
  Availability,
  AvailabilityInput,
  AppointmentSummary,
  Catalog,
  CreateBookingInput,
  ErrorCode,
  Hold,
  HoldInput,
  ManagedAppointment,
  OutboxMessage,
} from "@frontdesk/core";

export type { Availability, AvailabilityInput, AppointmentSummary, Catalog, CreateBookingInput, ErrorCode, Hold, HoldInput, ManagedAppointment, OutboxMessage };

export interface FrontdeskClientOptions {
  /** Origin of the Frontdesk server, e.g. `https://book.example.com`. */
  baseUrl: string;
  /** The tenant's publishable key (`pk_…`); safe to ship in a web page. */
  publishableKey: string;
  fetch?: typeof fetch;
}

/** What the booking widget (and any vendor code) can ask of a Frontdesk server with a publishable key. */
export interface FrontdeskClient {
  catalog(): Promise<Catalog>;
  availability(input: AvailabilityInput): Promise<Availability>;
  /** Keeps a time for the customer for the business's hold minutes while they fill in the form. */
  hold(input: HoldInput): Promise<Hold>;
  releaseHold(holdId: string): Promise<void>;
  createBooking(input: CreateBookingInput): Promise<AppointmentSummary>;
  /** The customer's own view through the token in their manage link. */
  manage: {
    get(token: string): Promise<ManagedAppointment>;
    availability(token: string, range: { from: string; to: string }): Promise<Availability>;
    reschedule(token: string, start: string): Promise<ManagedAppointment>;
    cancel(token: string, reason?: string): Promise<ManagedAppointment>;
  };
}

/** A failed call, with the server's stable code, a message fit to show a person, and the field at fault. */
export class FrontdeskClientError extends Error {
  override readonly name = "FrontdeskClientError";
  constructor(
    readonly code: ErrorCode | "NETWORK",
    message: string,
    readonly field?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const publishableKeyHeader = "x-frontdesk-key";

export function createFrontdeskClient(options: FrontdeskClientOptions): FrontdeskClient {
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: new URL("/trpc", options.baseUrl).href,
        headers: { [publishableKeyHeader]: options.publishableKey },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
  return {
    catalog: () => call(() => trpc.booking.catalog.query()),
    availability: (input) => call(() => trpc.booking.availability.query(input)),
    hold: (input) => call(() => trpc.booking.hold.mutate(input)),
    releaseHold: (holdId) => call(() => trpc.booking.releaseHold.mutate({ holdId })),
    createBooking: (input) => call(() => trpc.booking.create.mutate(input)),
    manage: {
      get: (token) => call(() => trpc.manage.get.query({ token })),
      availability: (token, range) => call(() => trpc.manage.availability.query({ token, ...range })),
      reschedule: (token, start) => call(() => trpc.manage.reschedule.mutate({ token, start })),
      cancel: (token, reason) => call(() => trpc.manage.cancel.mutate({ token, ...(reason ? { reason } : {}) })),
    },
  };
}

/**
 * The full typed API for a business's own server (never a web page): configuration and staff actions,
 * authorised by the secret key. Failed calls reject with tRPC errors; `toClientError` turns one into a
 * `FrontdeskClientError`.
 */
export function createFrontdeskAdminClient(options: { baseUrl: string; secretKey: string; fetch?: typeof fetch }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: new URL("/trpc", options.baseUrl).href,
        headers: { authorization: `Bearer ${options.secretKey}` },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type FrontdeskAdminClient = ReturnType<typeof createFrontdeskAdminClient>;

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toClientError(error);
  }
}

export function toClientError(error: unknown): FrontdeskClientError {
  if (error instanceof FrontdeskClientError) return error;
  // Thrown by the client itself before sending (e.g. no embed session to send), and carried by tRPC's error.
  if (error instanceof TRPCClientError && error.cause instanceof FrontdeskClientError) return error.cause;
  if (error instanceof TRPCClientError) {
    const data = error.data as { frontdesk?: { code: ErrorCode; field?: string }; httpStatus?: number } | undefined;
    if (data?.frontdesk) return new FrontdeskClientError(data.frontdesk.code, error.message, data.frontdesk.field, data.httpStatus);
    if (!data) return new FrontdeskClientError("NETWORK", "Could not reach the booking service. Check your connection and try again.");
  }
  return new FrontdeskClientError("INTERNAL", "Something went wrong on our side. Please try again.");
}

export { createFrontdeskSessionClient, embedSessionHeader, type CurrentEmbedSession, type FrontdeskSessionClient, type FrontdeskSessionClientOptions } from "./embed-session";
export { businessHeader, createFrontdeskMemberClient, type FrontdeskMemberClient, type FrontdeskMemberClientOptions } from "./member-client";
export * from "./accounts";
