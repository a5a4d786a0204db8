/** Every error a person or a program can act on: a stable code, a sentence, and the field at fault. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  WEBHOOK_DESTINATION_REFUSED: 400,
  INVALID_JSON: 400,
  SLOT_NOT_ON_GRID: 400,
  START_IN_PAST: 400,
  TOO_SOON: 400,
  BEYOND_HORIZON: 400,
  UNKNOWN_PUBLISHABLE_KEY: 401,
  ORIGIN_NOT_ALLOWED: 403,
  MISSING_SCOPE: 403,
  NOT_FOUND: 404,
  UNKNOWN_SERVICE: 404,
  UNKNOWN_STAFF: 404,
  UNKNOWN_LOCATION: 404,
  UNKNOWN_PROCEDURE: 404,
  /** REST: no route with this method and path under /api/v1. */
  UNKNOWN_ROUTE: 404,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_MANAGE_LINK: 401,
  MANAGE_LINK_EXPIRED: 401,
  UNKNOWN_SECRET_KEY: 401,
  PRINCIPAL_NOT_ACCEPTED: 401,
  NOT_SIGNED_IN: 401,
  CODE_ALREADY_USED: 401,
  INVITATION_EXPIRED: 401,
  BUSINESS_NOT_CHOSEN: 400,
  NOT_A_MEMBER: 403,
  ROLE_NOT_ALLOWED: 403,
  BUSINESS_SUSPENDED: 403,
  ACCOUNT_SUSPENDED: 403,
  CROSS_SITE_REQUEST: 403,
  INVITATION_FOR_ANOTHER_EMAIL: 403,
  INVALID_INVITATION: 404,
  LAST_OWNER: 409,
  UNKNOWN_EMBED_SESSION: 401,
  EMBED_SESSION_EXPIRED: 401,
  HOLD_EXPIRED: 409,
  CHANGE_WINDOW_CLOSED: 409,
  INVALID_TRANSITION: 409,
  SLOT_TAKEN: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  /** A phone number another business (or this one) already has, live. */
  NUMBER_TAKEN: 409,
  TOO_MANY_HOLDS: 409,
  CUSTOMER_HAS_UPCOMING: 409,
  DELIVERY_IN_PROGRESS: 409,
  /** The phone line needs a Retell or Twilio account, or a calendar its provider's app, and this server has none set up. */
  PROVIDER_NOT_CONFIGURED: 409,
  /** Retell or Twilio refused the request (their reason is in the message). */
  PROVIDER_REJECTED: 422,
  /** Retell or Twilio did not accept the business's credentials. */
  PROVIDER_AUTH_FAILED: 424,
  REQUEST_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TOO_MANY_EMBED_SESSIONS: 429,
  INTERNAL: 500,
  /** Retell or Twilio could not be reached, or failed; trying again later can work. */
  PROVIDER_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class FrontdeskError extends Error {
  override readonly name = "FrontdeskError";
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** For `RATE_LIMITED`: when a retry can succeed; sent as the `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; field?: string } {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

export function isFrontdeskError(value: unknown): value is FrontdeskError {
  return value instanceof FrontdeskError;
}
