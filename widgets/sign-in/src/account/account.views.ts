import { html, nothing, svg, type TemplateResult } from "lit";
import { msg } from "@lit/localize";
import type { AccountSession } from "@frontdesk/client";
import type { Passkey } from "../shared/passkeys";

/** The modules of a QR code: `true` for dark. */
export interface QrMatrix {
  data: boolean[][];
  size: number;
}

/** The otpauth URI's QR code; the encoder loads only when someone turns on two-step verification. */
export async function qrMatrix(uri: string): Promise<QrMatrix> {
  const { encode } = await import("uqr");
  const { data, size } = encode(uri, { border: 2, ecc: "M" });
  return { data, size };
}

/** A QR code an authenticator app scans: one SVG path of the dark modules. */
export function qrCode({ data, size }: QrMatrix): TemplateResult {
  let path = "";
  data.forEach((row, y) => row.forEach((dark, x) => (path += dark ? `M${x} ${y}h1v1h-1z` : "")));
  return html`<svg class="qr" part="qr-code" role="img" aria-label=${msg("QR code for your authenticator app")} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${path} fill="#000"></path>`}
  </svg>`;
}

/** The secret in an otpauth URI, in groups of four, for typing into an app that cannot scan. */
export function secretOf(uri: string): string {
  const secret = new URL(uri).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

const formatWhen = (instant: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));

/** A session's browser in a few words, from its user agent. */
function deviceOf(userAgent: string | null | undefined): string {
  if (!userAgent) return msg("Unknown device");
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "";
  const system = /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Mac OS X/.test(userAgent) ? "macOS" : /Windows/.test(userAgent) ? "Windows" : /Linux/.test(userAgent) ? "Linux" : "";
  return [browser, system].filter(Boolean).join(" · ") || msg("Unknown device");
}

export function sessionList(options: { sessions: AccountSession[]; current: string | undefined; locale: string; revoke: (session: AccountSession) => void }): TemplateResult {
  const { sessions, current, locale, revoke } = options;
  return html`<ul class="rows" part="sessions">
    ${sessions.map(
      (session) => html`<li class="row" part="session">
        <div>
          <p class="row-title">${deviceOf(session.userAgent)} ${session.token === current ? html`<span class="badge" part="badge">${msg("This device")}</span>` : nothing}</p>
          <p class="hint">${msg("Signed in")} ${formatWhen(session.createdAt, locale)}${session.ipAddress ? html` · <bdi>${session.ipAddress}</bdi>` : nothing}</p>
        </div>
        ${session.token === current
          ? nothing
          : html`<button type="button" class="button" part="button" aria-label=${`${msg("Sign out")}: ${deviceOf(session.userAgent)}, ${formatWhen(session.createdAt, locale)}`} @click=${() => revoke(session)}>
              ${msg("Sign out")}
            </button>`}
      </li>`,
    )}
  </ul>`;
}

export function passkeyList(options: { passkeys: Passkey[]; locale: string; remove: (passkey: Passkey) => void }): TemplateResult {
  const { passkeys, locale, remove } = options;
  if (!passkeys.length) return html`<p class="hint">${msg("You have no passkeys yet.")}</p>`;
  return html`<ul class="rows" part="passkeys">
    ${passkeys.map((passkey) => {
      const name = passkey.name || msg("Passkey");
      return html`<li class="row" part="passkey">
        <div>
          <p class="row-title"><bdi>${name}</bdi></p>
          <p class="hint">${msg("Added")} ${formatWhen(passkey.createdAt, locale)}</p>
        </div>
        <button type="button" class="button" part="button" aria-label=${`${msg("Remove")}: ${name}`} @click=${() => remove(passkey)}>${msg("Remove")}</button>
      </li>`;
    })}
  </ul>`;
}

/** What the person sees once, right after turning two-step verification on: the code to scan, the secret, the backup codes. */
export function twoFactorSetup(totpURI: string, qr: QrMatrix, backupCodes: string[]): TemplateResult {
  return html`<div class="setup" part="two-factor-setup">
    <p>${msg("Scan this code with your authenticator app, or type the key below into it.")}</p>
    ${qrCode(qr)}
    <p class="hint">${msg("Key")}</p>
    <p><code class="secret" part="secret">${secretOf(totpURI)}</code></p>
    <p>${msg("Save these backup codes somewhere safe. Each one signs you in once if you lose your phone. They are shown only now.")}</p>
    <ul class="codes" part="backup-codes">
      ${backupCodes.map((code) => html`<li><code>${code}</code></li>`)}
    </ul>
  </div>`;
}

/** The languages the widgets and mails speak, each named in itself. */
export const languages: readonly { code: string; name: string }[] = [
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
  { code: "ar", name: "العربية" },
];

export const timeZones = (): string[] => (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? ["UTC"];
