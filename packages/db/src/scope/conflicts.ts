import { FrontdeskError } from "@frontdesk/core";

/**
 * Where the database's own guards become domain errors: the overlap triggers (`RAISE(ABORT, 'SLOT_TAKEN')`) and the
 * unique indexes. Scope methods that can meet one run their statement through `guarded`, so callers catch a
 * `FrontdeskError` with a code, never a driver error.
 */

export function slotTaken(cause?: unknown): FrontdeskError {
  return new FrontdeskError("SLOT_TAKEN", "Sorry, that time was just booked by someone else. Please pick another time.", { field: "start", cause });
}

/** Another booking already carries the key: the caller replays it if it was this same request. */
export function idempotencyKeyReused(cause?: unknown): FrontdeskError {
  return new FrontdeskError("IDEMPOTENCY_KEY_REUSED", "This request key was already used for a different booking. Start a new booking.", {
    field: "idempotencyKey",
    cause,
  });
}

/** A live number has one owner: another business's number reads as taken, never as theirs. */
export function numberTaken(cause?: unknown): FrontdeskError {
  return new FrontdeskError("NUMBER_TAKEN", "That phone number is already in use. Pick another one.", { field: "phoneNumber", cause });
}

/** Constraint failures we know, by what the SQLite message names: a trigger's text, or a unique index's columns. */
const known: { matches: (message: string) => boolean; domainError: (cause: unknown) => FrontdeskError }[] = [
  { matches: (message) => message.includes("SLOT_TAKEN"), domainError: slotTaken },
  { matches: (message) => message.includes("appointments.idempotency_key"), domainError: idempotencyKeyReused },
  { matches: (message) => message.includes("phone_numbers.e164"), domainError: numberTaken },
];

/** The domain error a constraint failure stands for, or undefined for any other error. */
export function conflictOf(error: unknown): FrontdeskError | undefined {
  const sqlite = sqliteErrorOf(error);
  if (!sqlite || !sqlite.code.startsWith("SQLITE_CONSTRAINT")) return undefined;
  return known.find((entry) => entry.matches(sqlite.message))?.domainError(error);
}

/** Runs a statement, turning the constraint failures it may meet into domain errors. */
export async function guarded<T>(statement: PromiseLike<T>): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    throw conflictOf(error) ?? error;
  }
}

/** Whether `error` is the domain error of that code: what a caller trying the next candidate looks for. */
export function isConflict(error: unknown, code: "SLOT_TAKEN" | "IDEMPOTENCY_KEY_REUSED" | "NUMBER_TAKEN"): error is FrontdeskError {
  return error instanceof FrontdeskError && error.code === code;
}

/** The SQLite error behind a driver or ORM error, if any: drizzle wraps the libSQL error as `cause`. */
export function sqliteErrorOf(error: unknown): { code: string; extendedCode?: string; message: string } | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_")) {
      return { code, extendedCode: (e as { extendedCode?: string }).extendedCode, message: String((e as Error).message) };
    }
  }
  return undefined;
}
