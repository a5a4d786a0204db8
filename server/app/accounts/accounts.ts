import { FrontdeskError } from "@frontdesk/core";
import { findUser, userOfPendingSignIn, type Db } from "@frontdesk/db";
import { limitedBody, type Client, type LimitStore, type RateBucket } from "../http/limits";
import type { SignedInPerson } from "../auth/principal";
import type { AuditCaller, AuditRecord } from "../audit/audit.service";
import type { AccountMail } from "./account-mail";
import { clientIpHeader, createAuth, type Auth } from "./auth";

/** Which limits each accounts-API call counts against: per client address, and per account (see `accountOf`). */
const limitsByPath: Record<string, { client: RateBucket; account?: RateBucket }> = {
  "/sign-in/email": { client: "signIn", account: "signInAccount" },
  "/passkey/verify-authentication": { client: "signIn" },
  "/sign-up/email": { client: "signUp" },
  "/request-password-reset": { client: "reset", account: "resetAccount" },
  "/send-verification-email": { client: "reset", account: "resetAccount" },
  "/reset-password": { client: "reset" },
  "/two-factor/verify-totp": { client: "twoFactor", account: "twoFactorAccount" },
  "/two-factor/verify-backup-code": { client: "twoFactor", account: "twoFactorAccount" },
  "/two-factor/enable": { client: "twoFactor", account: "twoFactorAccount" },
  "/two-factor/disable": { client: "twoFactor", account: "twoFactorAccount" },
  "/change-password": { client: "signIn", account: "signInAccount" },
};

/** The field each of the accounts library's error codes is about, so its answers carry `{ code, message, field }` like ours. */
const fieldOfCode: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "password",
  INVALID_PASSWORD: "password",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  USER_ALREADY_EXISTS: "email",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "email",
  INVALID_EMAIL: "email",
  EMAIL_NOT_VERIFIED: "email",
  INVALID_TOKEN: "token",
  TOKEN_EXPIRED: "token",
  INVALID_CODE: "code",
  INVALID_TWO_FACTOR_COOKIE: "code",
  INVALID_BACKUP_CODE: "code",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "code",
  OTP_HAS_EXPIRED: "code",
};

/** The account a call is about, for its per-account limit: the e-mail address in the body, or the sign-in cookie. */
function accountOf(body: unknown, headers: Headers): string | undefined {
  const email = typeof body === "object" && body !== null ? (body as { email?: unknown }).email : undefined;
  if (typeof email === "string" && email) return `email:${email.trim().toLowerCase()}`;
  const pending = cookieValue(headers, "two_factor");
  if (pending) return `two-factor:${pending}`;
  const session = cookieValue(headers, "session_token");
  return session ? `session:${session}` : undefined;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export interface AccountsDeps {
  db: Db;
  mail: AccountMail;
  secret: string;
  publicUrl: string;
  trustedOrigins: string[];
  /** Where used two-factor codes are remembered (the limits' store: shared between processes with a shared driver). */
  store?: LimitStore;
  /** Records sign-ins, resets and two-factor changes, and every refused attempt at them. */
  audit?: { recordAlone(entry: AuditRecord): Promise<unknown> };
}

/** The accounts-API calls the audit log records, by the action it names them: each success, and each refusal. */
const auditedPaths: Record<string, string> = {
  "/sign-in/email": "auth.signed_in",
  "/passkey/verify-authentication": "auth.signed_in_with_passkey",
  "/two-factor/verify-totp": "auth.two_factor_verified",
  "/two-factor/verify-backup-code": "auth.backup_code_used",
  "/two-factor/enable": "auth.two_factor_enabled",
  "/two-factor/disable": "auth.two_factor_disabled",
  "/sign-up/email": "auth.signed_up",
  "/request-password-reset": "auth.password_reset_requested",
  "/reset-password": "auth.password_reset",
  "/change-password": "auth.password_changed",
  "/revoke-session": "auth.session_revoked",
  "/revoke-other-sessions": "auth.other_sessions_revoked",
  "/passkey/verify-registration": "auth.passkey_added",
  "/passkey/delete-passkey": "auth.passkey_removed",
};

/** A TOTP code is accepted for 30 s either side of its own 30 s: remembered that long, it cannot be used twice. */
const usedCodeSeconds = 90;

const cookieValue = (headers: Headers, name: string) =>
  new RegExp(`(?:^|;\\s*)(?:__Secure-)?better-auth\\.${name}=([^;]+)`).exec(headers.get("cookie") ?? "")?.[1];

/** Sign-up, sign-in, sessions, two-factor, passkeys and password reset: the accounts library behind our limits. */
export function accountsService(deps: AccountsDeps) {
  const auth: Auth = createAuth(deps);
  const trusted = new Set([new URL(deps.publicUrl).origin, ...deps.trustedOrigins]);

  /** The person a two-factor code is for: the signed-in one, or the one whose sign-in waits for it. */
  async function personOf(headers: Headers): Promise<string | undefined> {
    const pending = cookieValue(headers, "two_factor");
    // The cookie is `<identifier>.<signature>`; the library checks the signature, the identifier is enough to know whose it is.
    if (pending) return userOfPendingSignIn(deps.db, decodeURIComponent(pending).replace(/\.[^.]*$/, ""));
    return (await auth.api.getSession({ headers }))?.user.id;
  }

  /** Refuses a TOTP code already used by the same person, and marks this one used before it is checked. */
  async function spendCode(body: unknown, headers: Headers): Promise<void> {
    const code = typeof body === "object" && body !== null ? (body as { code?: unknown }).code : undefined;
    const person = typeof code === "string" && deps.store ? await personOf(headers) : undefined;
    if (!person || !deps.store) return;
    const key = `totp-used:${person}:${code}`;
    const used = () => new FrontdeskError("CODE_ALREADY_USED", "This code was used already. Wait for the next code from your authenticator app.", { field: "code" });
    if (spending.has(key)) throw used();
    spending.add(key);
    try {
      if (await deps.store.getItem(key)) throw used();
      await deps.store.setItem(key, 1, { ttl: usedCodeSeconds });
    } finally {
      spending.delete(key);
    }
  }
  const spending = new Set<string>();

  async function limit(client: Client | null, path: string, body: unknown, headers: Headers): Promise<void> {
    const rule = limitsByPath[path];
    if (!client || !rule) return;
    await client.rates.take(rule.client, client.id);
    const account = rule.account ? accountOf(body, headers) : undefined;
    if (rule.account && account) await client.rates.take(rule.account, client.idOf(account));
  }

  return {
    auth,

    trustsOrigin: (origin: string) => trusted.has(origin),

    /** The person a request's session cookie names, or null: no cookie, an ended session, or a removed account. */
    async session(cookies: Headers): Promise<SignedInPerson | null> {
      const found = await auth.api.getSession({ headers: cookies });
      const user = found && (await findUser(deps.db, found.user.id));
      return user ? { user, sessionId: found.session.id } : null;
    },

    /** Answers one request to `/api/auth/*`: counted, bounded, the client's address named, errors in our shape, audited. */
    async handle(request: Request, client: Client | null, caller?: AuditCaller): Promise<Response> {
      const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
      const answer = await answerOf(request, client);
      const action = auditedPaths[path];
      if (action && deps.audit) await deps.audit.recordAlone(await auditEntry(action, answer, request.headers, caller));
      return answer;
    },
  };

  /** The entry for one audited call: the person (from the answer, or the session it was made in), and how it ended. */
  async function auditEntry(action: string, answer: Response, headers: Headers, caller: AuditCaller | undefined): Promise<AuditRecord> {
    const body = answer.headers.get("content-type")?.includes("application/json") ? parsed(await answer.clone().text()) : undefined;
    const fields = (typeof body === "object" && body !== null ? body : {}) as { user?: { id?: string }; code?: string };
    const userId = fields.user?.id ?? (await personOf(headers).catch(() => undefined)) ?? null;
    const outcome = answer.status < 400 ? "ok" : answer.status === 429 || answer.status === 403 ? "denied" : "failed";
    return {
      tenantId: null,
      actor: { kind: "staff", id: userId },
      action: outcome === "ok" ? action : `${action}_refused`,
      outcome,
      errorCode: outcome === "ok" ? null : (fields.code ?? String(answer.status)),
      ...(caller ? { caller } : {}),
      detail: { status: answer.status },
    };
  }

  /** The library's answer, behind the limits, the used-code check and the body limit. */
  async function answerOf(request: Request, client: Client | null): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api\/auth/, "");
    const headers = new Headers(request.headers);
    headers.delete(clientIpHeader);
    if (client) headers.set(clientIpHeader, client.address.replace(/::\/64$/, "::"));
    let body: string | undefined;
    try {
      if (request.method !== "GET" && request.method !== "HEAD") body = await limitedBody(request).request.text();
      await limit(client, path, parsed(body), headers);
      if (path === "/two-factor/verify-totp") await spendCode(parsed(body), headers);
    } catch (error) {
      if (!(error instanceof FrontdeskError)) throw error;
      const wait = error.retryAfterSeconds;
      return json(error.status, { code: error.code, message: error.message, field: error.field ?? null }, wait ? { "retry-after": String(wait) } : {});
    }
    const answer = await auth.handler(new Request(url, { method: request.method, headers, ...(body === undefined ? {} : { body }) }));
    return answer.status >= 400 ? withField(answer) : answer;
  }
}

export type AccountsService = ReturnType<typeof accountsService>;

function parsed(body: string | undefined): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

/** The library's error `{ code, message }`, with the field it is about. */
async function withField(answer: Response): Promise<Response> {
  if (!answer.headers.get("content-type")?.includes("application/json")) return answer;
  const error = parsed(await answer.text()) as { code?: string; message?: string } | undefined;
  const headers = Object.fromEntries(answer.headers);
  delete headers["content-length"];
  const code = error?.code ?? "ACCOUNTS_ERROR";
  return json(answer.status, { code, message: error?.message ?? "The request could not be completed.", field: fieldOfCode[code] ?? null }, headers);
}
