import { html, nothing, type TemplateResult } from "lit";
import { msg } from "@lit/localize";
import type { AccountSession, AccountsClient, AccountUser } from "@frontdesk/client";
import { base, errorState, FdWidget, loadingState, tokens, widgetStyles } from "@frontdesk/ui";
import { accountErrorText, newPasswordProblem, passkeyErrorText, passwordRule } from "../shared/account-texts";
import { accountsClientFor, errorsFrom, field, formError, submitButton, type FormErrors } from "../shared/fields";
import { addPasskey, listPasskeys, passkeysSupported, removePasskey, type Passkey } from "../shared/passkeys";
import { signInStyles } from "../sign-in/sign-in.styles";
import { accountStyles } from "./account.styles";
import { languages, passkeyList, qrMatrix, sessionList, timeZones, twoFactorSetup, type QrMatrix } from "./account.views";

type Section = "profile" | "password" | "sessions" | "twoFactor" | "passkeys";

interface Loaded {
  user: AccountUser;
  currentToken: string;
  sessions: AccountSession[];
  passkeys: Passkey[];
}

const fresh = () => ({ name: "", image: "", locale: "", timeZone: "", currentPassword: "", newPassword: "", tfPassword: "", tfCode: "", passkeyName: "" });
type Values = ReturnType<typeof fresh>;

/** The inputs each server field lands at, per section. */
const inputOf: Record<Section, Record<string, keyof Values>> = {
  profile: { name: "name", image: "image", locale: "locale", timeZone: "timeZone" },
  password: { password: "currentPassword", currentPassword: "currentPassword", newPassword: "newPassword" },
  sessions: {},
  twoFactor: { password: "tfPassword", code: "tfCode" },
  passkeys: { name: "passkeyName" },
};

/**
 * @summary The signed-in person's account: profile, password, where they are signed in, two-step verification and passkeys.
 *
 * @csspart base - The outer frame.
 * @csspart section - Each part of the account (profile, password, sessions, two-step verification, passkeys).
 * @csspart form - Every form.
 * @csspart input - Every input and select.
 * @csspart field-error - The message under an input the server or the form found wrong.
 * @csspart button - Every secondary button.
 * @csspart button-primary - The main action of a form.
 * @csspart notice - A message about what a change did.
 * @csspart error - An error about a whole form.
 * @csspart sessions - The list of sessions.
 * @csspart session - One session: its device, when it started, and its Sign out button.
 * @csspart badge - The "This device" mark on the current session.
 * @csspart passkeys - The list of passkeys.
 * @csspart passkey - One passkey: its name, when it was added, and its Remove button.
 * @csspart two-factor-setup - What is shown once while turning on two-step verification.
 * @csspart qr-code - The QR code to scan when turning on two-step verification.
 * @csspart secret - The same key as text.
 * @csspart backup-codes - The backup codes, shown once.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main buttons and focus.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors.
 * @cssprop [--fd-color-success=#067647] - Success messages.
 * @cssprop [--fd-radius=8px] - Corner radius.
 * @cssprop --fd-font-family - Font stack.
 * @cssprop [--fd-space=8px] - Spacing unit.
 *
 * @event {CustomEvent<{ userId: string; name: string; email: string }>} fd-account-updated - The profile was saved. `detail: { userId, name, email }`.
 */
export class FdAccount extends FdWidget {
  static override styles = [tokens, base, widgetStyles, signInStyles, accountStyles];

  static override properties = {
    ...FdWidget.properties,
    loaded: { state: true },
    loadError: { state: true },
    values: { state: true },
    errors: { state: true },
    notices: { state: true },
    busy: { state: true },
    setup: { state: true },
  };

  private declare loaded: Loaded | undefined;
  private declare loadError: string | undefined;
  private declare values: Values;
  private declare errors: Partial<Record<Section, FormErrors>>;
  private declare notices: Partial<Record<Section, string>>;
  private declare busy: Section | undefined;
  /** The two-step verification being set up: shown once, until its first code is confirmed. */
  private declare setup: { totpURI: string; qr: QrMatrix; backupCodes: string[] } | undefined;

  constructor() {
    super();
    this.hidePoweredBy = true;
    this.loaded = undefined;
    this.loadError = undefined;
    this.values = fresh();
    this.errors = {};
    this.notices = {};
    this.busy = undefined;
    this.setup = undefined;
  }

  private get accounts(): AccountsClient {
    return accountsClientFor(this.apiBase || this.provided?.apiBase);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reads the account again; the profile form takes the saved values. */
  async load(): Promise<void> {
    try {
      const found = await this.accounts.session();
      if (!found) {
        this.loadError = msg("Sign in to see your account.");
        return;
      }
      const [sessions, passkeys] = await Promise.all([this.accounts.call<AccountSession[]>("list-sessions"), listPasskeys(this.accounts)]);
      const { user } = found;
      this.loaded = { user, currentToken: found.session.token, sessions, passkeys };
      this.values = { ...this.values, name: user.name, image: user.image ?? "", locale: user.locale ?? "", timeZone: user.timeZone ?? "" };
      this.loadError = undefined;
    } catch (error) {
      this.loadError = accountErrorText(error);
    }
  }

  private set(name: keyof Values, value: string, section: Section): void {
    this.values = { ...this.values, [name]: value };
    const errors = this.errors[section];
    if (errors?.[name]) this.errors = { ...this.errors, [section]: { ...errors, [name]: undefined } };
  }

  /** One section's change, once at a time; a failure lands at the input the server names, else under the section's form. */
  private async change(section: Section, check: () => FormErrors, request: () => Promise<string | void>, event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.busy) return;
    this.notices = { ...this.notices, [section]: undefined };
    const problems = Object.fromEntries(Object.entries(check()).filter(([, text]) => text));
    if (Object.keys(problems).length) return this.failed(section, problems);
    this.busy = section;
    try {
      const notice = await request();
      this.errors = { ...this.errors, [section]: {} };
      if (notice) this.notices = { ...this.notices, [section]: notice };
    } catch (error) {
      const server = errorsFrom(error, Object.keys(inputOf[section]));
      this.failed(section, Object.fromEntries(Object.entries(server).map(([name, text]) => [inputOf[section][name] ?? name, section === "passkeys" ? passkeyErrorText(error) : text])));
    } finally {
      this.busy = undefined;
    }
  }

  private failed(section: Section, errors: FormErrors): void {
    this.errors = { ...this.errors, [section]: errors };
    const first = Object.keys(errors).find((name) => name !== "form");
    this.focusAfterRender = first ? `input-${first}` : undefined;
  }

  private saveProfile = (event: Event) =>
    this.change(
      "profile",
      () => ({
        name: this.values.name.trim() ? undefined : msg("Enter your name."),
        image: !this.values.image.trim() || /^https:\/\/\S+$/.test(this.values.image.trim()) ? undefined : msg("Enter an address that starts with https://, or leave it empty."),
      }),
      async () => {
        const { name, image, locale, timeZone } = this.values;
        await this.accounts.call("update-user", { name: name.trim(), image: image.trim() || null, locale: locale || null, timeZone: timeZone || null });
        await this.load();
        const user = this.loaded!.user;
        this.dispatchEvent(new CustomEvent("fd-account-updated", { bubbles: true, composed: true, detail: { userId: user.id, name: user.name, email: user.email } }));
        return msg("Your profile is saved.");
      },
      event,
    );

  private changePassword = (event: Event) =>
    this.change(
      "password",
      () => ({ currentPassword: this.values.currentPassword ? undefined : msg("Enter your current password."), newPassword: newPasswordProblem(this.values.newPassword) }),
      async () => {
        await this.accounts.call("change-password", { currentPassword: this.values.currentPassword, newPassword: this.values.newPassword, revokeOtherSessions: true });
        this.values = { ...this.values, currentPassword: "", newPassword: "" };
        await this.load();
        return msg("Your password is changed, and you are signed out everywhere else.");
      },
      event,
    );

  private revokeSession = (session: AccountSession) =>
    this.change("sessions", () => ({}), async () => {
      await this.accounts.call("revoke-session", { token: session.token });
      await this.load();
      return msg("That device is signed out.");
    });

  private revokeOthers = () =>
    this.change("sessions", () => ({}), async () => {
      await this.accounts.call("revoke-other-sessions", {});
      await this.load();
      return msg("You are signed out everywhere else.");
    });

  private twoFactor = (event: Event) => {
    const enabled = !!this.loaded?.user.twoFactorEnabled;
    if (this.setup) {
      return this.change("twoFactor", () => ({ tfCode: this.values.tfCode.trim() ? undefined : msg("Enter the code.") }), async () => {
        await this.accounts.call("two-factor/verify-totp", { code: this.values.tfCode.replace(/\s+/g, "") });
        this.setup = undefined;
        this.values = { ...this.values, tfCode: "" };
        await this.load();
        return msg("Two-step verification is on. You will be asked for a code when you sign in.");
      }, event);
    }
    return this.change("twoFactor", () => ({ tfPassword: this.values.tfPassword ? undefined : msg("Enter your password.") }), async () => {
      const password = this.values.tfPassword;
      this.values = { ...this.values, tfPassword: "" };
      if (enabled) {
        await this.accounts.call("two-factor/disable", { password });
        await this.load();
        return msg("Two-step verification is off.");
      }
      const { totpURI, backupCodes } = await this.accounts.call<{ totpURI: string; backupCodes: string[] }>("two-factor/enable", { password });
      this.setup = { totpURI, backupCodes, qr: await qrMatrix(totpURI) };
      this.focusAfterRender = "two-factor-heading";
    }, event);
  };

  private addPasskey = (event: Event) =>
    this.change("passkeys", () => ({}), async () => {
      await addPasskey(this.accounts, this.values.passkeyName.trim());
      this.values = { ...this.values, passkeyName: "" };
      await this.load();
      return msg("Passkey added. You can sign in with it now.");
    }, event);

  private removePasskey = (passkey: Passkey) =>
    this.change("passkeys", () => ({}), async () => {
      await removePasskey(this.accounts, passkey.id);
      await this.load();
      return msg("Passkey removed.");
    });

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      <div class="frame" part="base">
        <h2 id="step-heading" tabindex="-1">${msg("Your account")}</h2>
        ${this.loaded ? this.renderSections(this.loaded) : html`<div role="status">${this.loadError ? errorState(this.loadError, () => void this.load()) : loadingState(msg("Loading your account…"))}</div>`}
      </div>
    </div>`;
  }

  private input(section: Section, name: keyof Values, label: string, options: { type?: string; autocomplete?: string; hint?: string; required?: boolean; inputmode?: string } = {}) {
    return field({ id: `input-${name}`, label, value: this.values[name], error: this.errors[section]?.[name], onInput: (value) => this.set(name, value, section), ...options });
  }

  private section(section: Section, title: string, content: TemplateResult): TemplateResult {
    const notice = this.notices[section];
    return html`<section class="part" part="section" aria-labelledby="${section}-heading">
      <h3 id="${section === "twoFactor" ? "two-factor" : section}-heading" tabindex="-1">${title}</h3>
      ${content}
      <div role="status" aria-live="polite">${notice ? html`<div class="state success" part="notice">${notice}</div>` : nothing}${formError(this.errors[section] ?? {})}</div>
    </section>`;
  }

  private select(name: "locale" | "timeZone", label: string, choices: readonly { value: string; label: string }[]): TemplateResult {
    return html`<div class="field">
      <label for="input-${name}">${label}</label>
      <select id="input-${name}" part="input" @change=${(event: Event) => this.set(name, (event.target as HTMLSelectElement).value, "profile")}>
        ${choices.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === this.values[name]}>${choice.label}</option>`)}
      </select>
    </div>`;
  }

  private renderSections(loaded: Loaded): TemplateResult {
    const { user } = loaded;
    const busy = (section: Section) => this.busy === section;
    return html`
      ${this.section("profile", msg("Profile"), html`<p class="hint"><bdi>${user.email}</bdi>${user.emailVerified ? nothing : html` · ${msg("not confirmed yet")}`}</p>
        <form part="form" novalidate @submit=${this.saveProfile}>
          ${this.input("profile", "name", msg("Name"), { autocomplete: "name" })}
          ${this.input("profile", "image", msg("Picture address (optional)"), { type: "url", required: false, hint: msg("An https:// address of a square image.") })}
          ${this.select("locale", msg("Language"), [{ value: "", label: msg("The browser's language") }, ...languages.map((language) => ({ value: language.code, label: language.name }))])}
          ${this.select("timeZone", msg("Time zone"), [{ value: "", label: msg("The browser's time zone") }, ...timeZones().map((zone) => ({ value: zone, label: zone }))])}
          ${submitButton(msg("Save profile"), msg("Saving…"), busy("profile"))}
        </form>`)}
      ${this.section("password", msg("Password"), html`<form part="form" novalidate @submit=${this.changePassword}>
        ${this.input("password", "currentPassword", msg("Current password"), { type: "password", autocomplete: "current-password" })}
        ${this.input("password", "newPassword", msg("New password"), { type: "password", autocomplete: "new-password", hint: passwordRule() })}
        ${submitButton(msg("Change password"), msg("Changing…"), busy("password"))}
      </form>`)}
      ${this.section("sessions", msg("Where you are signed in"), html`${sessionList({ sessions: loaded.sessions, current: loaded.currentToken, locale: this.resolvedLocale, revoke: this.revokeSession })}
        ${loaded.sessions.length > 1 ? html`<button type="button" class="button" part="button" @click=${this.revokeOthers}>${msg("Sign out everywhere else")}</button>` : nothing}`)}
      ${this.section("twoFactor", msg("Two-step verification"), this.renderTwoFactor(user))}
      ${this.section("passkeys", msg("Passkeys"), html`${passkeyList({ passkeys: loaded.passkeys, locale: this.resolvedLocale, remove: this.removePasskey })}
        ${passkeysSupported()
          ? html`<form part="form" novalidate @submit=${this.addPasskey}>
              ${this.input("passkeys", "passkeyName", msg("Name for the new passkey (optional)"), { required: false, hint: msg("For example, the device it is on.") })}
              ${submitButton(msg("Add a passkey"), msg("Waiting for your device…"), busy("passkeys"), false)}
            </form>`
          : html`<p class="hint">${msg("This browser cannot use passkeys.")}</p>`}`)}
    `;
  }

  private renderTwoFactor(user: AccountUser): TemplateResult {
    const busy = this.busy === "twoFactor";
    if (this.setup) {
      return html`${twoFactorSetup(this.setup.totpURI, this.setup.qr, this.setup.backupCodes)}
        <form part="form" novalidate @submit=${this.twoFactor}>
          ${this.input("twoFactor", "tfCode", msg("Code from your authenticator app"), { autocomplete: "one-time-code", inputmode: "numeric" })}
          ${submitButton(msg("Confirm and turn on"), msg("Verifying…"), busy)}
        </form>`;
    }
    const enabled = !!user.twoFactorEnabled;
    return html`<p>${enabled ? msg("On: signing in asks for a code from your authenticator app.") : msg("Off: add a code from an authenticator app to your password when you sign in.")}</p>
      <form part="form" novalidate @submit=${this.twoFactor}>
        ${this.input("twoFactor", "tfPassword", msg("Your password"), { type: "password", autocomplete: "current-password" })}
        ${submitButton(enabled ? msg("Turn off two-step verification") : msg("Turn on two-step verification"), msg("Working…"), busy, !enabled)}
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-account": FdAccount;
  }
}
