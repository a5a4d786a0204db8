import { createHmac } from "node:crypto";
import { passkey } from "@better-auth/passkey";
import { hash, verify } from "@node-rs/argon2";
import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins";
import { accountsAdapter, findUser, type Db } from "@frontdesk/db";
import type { AccountMail } from "./account-mail";

/** OWASP's argon2id minimum: 19 MiB of memory, two passes, one lane. `2` is argon2id in @node-rs/argon2's `Algorithm`. */
export const passwordHashing = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** How long each link in account mail works. */
export const linkLifetimes = { verifyEmailHours: 24, resetPasswordHours: 1 } as const;

/** The header the accounts route sets to the client address it worked out (see `clientAddress`); never the client's own. */
export const clientIpHeader = "x-frontdesk-client-ip";

export interface AccountsOptions {
  db: Db;
  mail: AccountMail;
  /** The server's secret; the accounts library gets a key derived from it. */
  secret: string;
  publicUrl: string;
  /** Origins besides the server's own whose pages may call the accounts API with the session cookie. */
  trustedOrigins: string[];
}

/**
 * The accounts library (better-auth), on our database: e-mail and password (argon2id), e-mail verification and
 * password reset by mail through our messaging port, sessions, TOTP with backup codes, passkeys. Businesses, members,
 * roles and invitations are ours (server/app/accounts/team.service.ts), on tenant-scoped tables.
 */
export function createAuth(options: AccountsOptions) {
  const { db, mail, publicUrl } = options;
  const origin = new URL(publicUrl).origin;
  return betterAuth({
    appName: "Frontdesk",
    baseURL: publicUrl,
    basePath: "/api/auth",
    secret: createHmac("sha256", options.secret).update("frontdesk accounts").digest("base64url"),
    database: accountsAdapter(db),
    telemetry: { enabled: false },
    trustedOrigins: [origin, ...options.trustedOrigins],
    // The accounts route counts sign-ins, sign-ups, resets and codes per address and per account itself (http/limits.ts).
    rateLimit: { enabled: false },
    advanced: { ipAddress: { ipAddressHeaders: [clientIpHeader] } },
    user: {
      additionalFields: {
        locale: { type: "string", required: false },
        timeZone: { type: "string", required: false },
      },
    },
    session: { expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: linkLifetimes.resetPasswordHours * 3600,
      password: {
        hash: (password) => hash(password.normalize("NFKC"), passwordHashing),
        // argon2's verify compares the derived keys in constant time.
        verify: ({ hash: stored, password }) => verify(stored, password.normalize("NFKC")),
      },
      async sendResetPassword({ user, url }) {
        await mail.send({ kind: "reset_password", to: user.email, data: { url, name: user.name, locale: localeOf(user), expiresInHours: linkLifetimes.resetPasswordHours } });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: linkLifetimes.verifyEmailHours * 3600,
      async sendVerificationEmail({ user, url }) {
        await mail.send({ kind: "verify_email", to: user.email, data: { url, name: user.name, locale: localeOf(user), expiresInHours: linkLifetimes.verifyEmailHours } });
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A person a platform operator suspended gets no new session.
          async before(session) {
            const user = await findUser(db, session.userId);
            return user?.suspendedAt ? false : undefined;
          },
        },
      },
    },
    plugins: [
      twoFactor({ issuer: "Frontdesk", backupCodeOptions: { amount: 10, length: 10 } }),
      passkey({ rpID: new URL(publicUrl).hostname, rpName: "Frontdesk", origin: [origin, ...options.trustedOrigins] }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function localeOf(user: object): string | undefined {
  const locale = (user as { locale?: unknown }).locale;
  return typeof locale === "string" ? locale : undefined;
}
