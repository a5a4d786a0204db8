import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@frontdesk/server";
import type { Availability, AvailabilityInput, AppointmentSummary, Catalog, CreateBookingInput, ErrorCode } from "@frontdesk/core";

export type { Availability, AvailabilityInput, AppointmentSummary, Catalog, CreateBookingInput, ErrorCode };

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
  createBooking(input: CreateBookingInput): Promise<AppointmentSummary>;
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
    createBooking: (input) => call(() => trpc.booking.create.mutate(input)),
  };
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toClientError(error);
  }
}

function toClientError(error: unknown): FrontdeskClientError {
  if (error instanceof TRPCClientError) {
    const data = error.data as { frontdesk?: { code: ErrorCode; field?: string }; httpStatus?: number } | undefined;
    if (data?.frontdesk) return new FrontdeskClientError(data.frontdesk.code, error.message, data.frontdesk.field, data.httpStatus);
    if (!data) return new FrontdeskClientError("NETWORK", "Could not reach the booking service. Check your connection and try again.");
  }
  return new FrontdeskClientError("INTERNAL", "Something went wrong on our side. Please try again.");
}
