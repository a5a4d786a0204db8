import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import type { AccountsClient, AccountUser } from "@frontdesk/client";
import { base, FdWidget, isolate, loadingState, tokens, widgetStyles } from "@frontdesk/ui";
import { accountErrorText, emailProblem, newPasswordProblem, passkeyErrorText, passwordRule } from "../shared/account-texts";
import { accountsClientFor, errorsFrom, field, firstInvalid, formError, pageAddress, submitButton, type FormErrors } from "../shared/fields";
import { passkeysSupported, signInWithPasskey } from "../shared/passkeys";
import { signInStyles } from "./sign-in.styles";

type View = "loading" | "sign-in" | "sign-up" | "two-factor" | "forgot" | "forgot-sent" | "reset" | "signed-in";

/** `detail` of the `fd-signed-in` event. */
export interface SignedInDetail {
  userId: string;
  name: string;
  email: string;
}

interface Values {
  name: string;
  email: string;
  password: string;
  code: string;
}

const empty: Values = { name: "", email: "", password: "", code: "" };

/**
 * @summary Signs a person in to their Frontdesk account: e-mail and password, two-factor codes, passkeys, a new account, and a forgotten password.
 *
 * Opened with the link from a password-reset mail (the page's `?token=`), it asks for the new password.
 *
 * @csspart base - The outer frame.
 * @csspart step - The current view: heading and form.
 * @csspart form - Every form.
 * @csspart input - Every input.
 * @csspart field-error - The message under an input the server or the form found wrong.
 * @csspart button - Every secondary button (Create an account, Forgot your password?, Sign out, …).
 * @csspart button-primary - The main action of a view (Sign in, Create account, Verify, …).
 * @csspart notice - A message about what happened (a link was sent, the password changed).
 * @csspart error - An error about the whole form.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main button and focus.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors.
 * @cssprop [--fd-color-success=#067647] - Success messages.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<SignedInDetail>} fd-signed-in - The person is signed in (also when the page opens with a session). `detail: { userId, name, email }`.
 * @event {CustomEvent<null>} fd-signed-out - The person signed out. `detail: null`.
 */
export class FdSignIn extends FdWidget {
  static override styles = [tokens, base, widgetStyles, signInStyles];

  static override properties = {
    ...FdWidget.properties,
    mode: {},
    resetToken: { attribute: "reset-token" },
    view: { state: true },
    values: { state: true },
    errors: { state: true },
    busy: { state: true },
    notice: { state: true },
    backupCode: { state: true },
    user: { state: true },
  };

  /** The first view: `sign-in` (default) or `sign-up`. */
  declare mode: "sign-in" | "sign-up" | undefined;
  /** The token of a password-reset link. Defaults to the `token` query parameter of this page's URL. */
  declare resetToken: string | undefined;

  private declare view: View;
  private declare values: Values;
  private declare errors: FormErrors;
  private declare busy: boolean;
  private declare notice: string | undefined;
  private declare backupCode: boolean;
  private declare user: AccountUser | undefined;

  constructor() {
    super();
    this.hidePoweredBy = true;
    this.mode = undefined;
    this.resetToken = undefined;
    this.view = "loading";
    this.values = empty;
    this.errors = {};
    this.busy = false;
    this.notice = undefined;
    this.backupCode = false;
    this.user = undefined;
  }

  private get accounts(): AccountsClient {
    return accountsClientFor(this.apiBase || this.provided?.apiBase);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("mode") && (this.view === "sign-in" || this.view === "sign-up")) this.view = this.mode === "sign-up" ? "sign-up" : "sign-in";
  }

  /** The first view: the reset form for a reset link, the person if a session exists, else signing in. */
  private async start(): Promise<void> {
    const query = new URL(location.href).searchParams;
    if (this.resetToken || query.get("token")) return this.goTo("reset", false);
    if (query.get("error") === "INVALID_TOKEN") {
      this.goTo("forgot", false);
      this.errors = { form: msg("This link does not work any more. Ask for a new one.") };
      return;
    }
    try {
      const found = await this.accounts.session();
      if (found) return this.signedIn(found.user, false);
    } catch {
      // Not reachable now: the forms say so when used.
    }
    this.goTo(this.mode === "sign-up" ? "sign-up" : "sign-in", false);
  }

  private goTo(view: View, focus = true): void {
    this.view = view;
    this.errors = {};
    if (focus) this.focusAfterRender = "step-heading";
  }

  private set(name: keyof Values, value: string): void {
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
  }

  /** Runs one form's request once at a time; its failure lands at the field it names, with focus moved there. */
  private async submit(event: Event, fields: readonly string[], check: () => FormErrors, request: () => Promise<void>): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.notice = undefined;
    const problems = Object.fromEntries(Object.entries(check()).filter(([, text]) => text));
    if (Object.keys(problems).length) return this.failed(problems, fields);
    this.busy = true;
    try {
      await request();
    } catch (error) {
      this.failed(errorsFrom(error, fields), fields);
    } finally {
      this.busy = false;
    }
  }

  private failed(errors: FormErrors, fields: readonly string[]): void {
    this.errors = errors;
    this.focusAfterRender = firstInvalid(errors, fields) ?? undefined;
  }

  private signedIn(user: AccountUser, announce = true): void {
    this.user = user;
    this.values = empty;
    this.goTo("signed-in", announce);
    const detail: SignedInDetail = { userId: user.id, name: user.name, email: user.email };
    this.dispatchEvent(new CustomEvent("fd-signed-in", { bubbles: true, composed: true, detail }));
  }

  private async afterSignIn(): Promise<void> {
    const found = await this.accounts.session();
    if (found) this.signedIn(found.user);
  }

  // ── the forms' requests ───────────────────────────────────────────────────────────────────

  private signIn = (event: Event) =>
    this.submit(event, ["email", "password"], () => ({ email: emailProblem(this.values.email), password: this.values.password ? undefined : msg("Enter your password.") }), async () => {
      const answer = await this.accounts.call<{ twoFactorRedirect?: boolean }>("sign-in/email", { email: this.values.email.trim(), password: this.values.password });
      if (answer?.twoFactorRedirect) {
        this.values = { ...this.values, password: "", code: "" };
        this.backupCode = false;
        return this.goTo("two-factor");
      }
      await this.afterSignIn();
    });

  private signUp = (event: Event) =>
    this.submit(
      event,
      ["name", "email", "password"],
      () => ({
        name: this.values.name.trim() ? undefined : msg("Enter your name."),
        email: emailProblem(this.values.email),
        password: newPasswordProblem(this.values.password),
      }),
      async () => {
        const { name, email, password } = this.values;
        await this.accounts.call("sign-up/email", { name: name.trim(), email: email.trim(), password, callbackURL: pageAddress() });
        await this.afterSignIn();
        this.notice = msg(str`We sent a link to ${isolate(email.trim())}. Open it to confirm your address.`);
      },
    );

  private verifyCode = (event: Event) =>
    this.submit(event, ["code"], () => ({ code: this.values.code.trim() ? undefined : msg("Enter the code.") }), async () => {
      const code = this.values.code.replace(/\s+/g, "");
      await this.accounts.call(this.backupCode ? "two-factor/verify-backup-code" : "two-factor/verify-totp", { code });
      await this.afterSignIn();
    });

  private requestReset = (event: Event) =>
    this.submit(event, ["email"], () => ({ email: emailProblem(this.values.email) }), async () => {
      await this.accounts.call("request-password-reset", { email: this.values.email.trim(), redirectTo: pageAddress() });
      this.goTo("forgot-sent");
    });

  private resetPassword = (event: Event) =>
    this.submit(event, ["password"], () => ({ password: newPasswordProblem(this.values.password) }), async () => {
      const token = this.resetToken || new URL(location.href).searchParams.get("token") || "";
      await this.accounts.call("reset-password", { newPassword: this.values.password, token });
      this.resetToken = undefined;
      history.replaceState(history.state, "", pageAddress());
      this.values = { ...empty, email: this.values.email };
      this.goTo("sign-in");
      this.notice = msg("Your password has been changed. Sign in with the new one.");
    });

  private async passkey(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.errors = {};
    try {
      await signInWithPasskey(this.accounts);
      await this.afterSignIn();
    } catch (error) {
      this.errors = { form: passkeyErrorText(error) };
    } finally {
      this.busy = false;
    }
  }

  private async signOut(): Promise<void> {
    try {
      await this.accounts.call("sign-out", {});
    } catch (error) {
      this.errors = { form: accountErrorText(error) };
      return;
    }
    this.user = undefined;
    this.goTo("sign-in");
    this.notice = msg("You have signed out.");
    this.dispatchEvent(new CustomEvent("fd-signed-out", { bubbles: true, composed: true, detail: null }));
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.renderFrame({
        header: undefined,
        ...(this.view === "sign-up" || this.view === "forgot" || (this.view === "two-factor" && !this.busy) ? { back: () => this.goTo("sign-in") } : {}),
        title: this.viewTitle(),
        announcement: this.notice ? html`<div class="state success" part="notice">${this.notice}</div>` : nothing,
        content: this.renderView(),
        status: this.view === "loading" ? loadingState(msg("Loading…")) : formError(this.errors),
      })}
    </div>`;
  }

  private viewTitle(): string {
    switch (this.view) {
      case "loading":
      case "sign-in":
        return msg("Sign in");
      case "sign-up":
        return msg("Create your account");
      case "two-factor":
        return msg("Two-step verification");
      case "forgot":
        return msg("Reset your password");
      case "forgot-sent":
        return msg("Check your e-mail");
      case "reset":
        return msg("Choose a new password");
      case "signed-in":
        return msg("You are signed in");
    }
  }

  private renderView(): TemplateResult | typeof nothing {
    switch (this.view) {
      case "loading":
        return nothing;
      case "sign-in":
        return this.renderSignIn();
      case "sign-up":
        return this.renderSignUp();
      case "two-factor":
        return this.renderTwoFactor();
      case "forgot":
        return this.renderForgot();
      case "forgot-sent":
        return html`<p class="lead">${msg("If an account exists for that address, we sent it a link to reset the password. The link works for one hour.")}</p>
          <button type="button" class="button" part="button" @click=${() => this.goTo("sign-in")}>${msg("Back to sign in")}</button>`;
      case "reset":
        return this.renderReset();
      case "signed-in":
        return this.renderSignedIn();
    }
  }

  private input(name: keyof Values, label: string, options: { type?: string; autocomplete?: string; hint?: string; inputmode?: string } = {}): TemplateResult {
    return field({ id: name, label, value: this.values[name], error: this.errors[name], onInput: (value) => this.set(name, value), ...options });
  }

  private renderSignIn(): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.signIn}>
        ${this.input("email", msg("E-mail"), { type: "email", autocomplete: "username" })}
        ${this.input("password", msg("Password"), { type: "password", autocomplete: "current-password" })}
        ${submitButton(msg("Sign in"), msg("Signing in…"), this.busy)}
      </form>
      <div class="links">
        <button type="button" class="link" part="button" @click=${() => this.goTo("forgot")}>${msg("Forgot your password?")}</button>
        <button type="button" class="link" part="button" @click=${() => this.goTo("sign-up")}>${msg("Create an account")}</button>
      </div>
      ${passkeysSupported()
        ? html`<div class="or"><span>${msg("or")}</span></div>
            <button type="button" class="button wide" part="button" @click=${() => void this.passkey()}>${msg("Sign in with a passkey")}</button>`
        : nothing}`;
  }

  private renderSignUp(): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.signUp}>
        ${this.input("name", msg("Your name"), { autocomplete: "name" })} ${this.input("email", msg("E-mail"), { type: "email", autocomplete: "username" })}
        ${this.input("password", msg("Password"), { type: "password", autocomplete: "new-password", hint: passwordRule() })}
        ${submitButton(msg("Create account"), msg("Creating your account…"), this.busy)}
      </form>
      <div class="links"><button type="button" class="link" part="button" @click=${() => this.goTo("sign-in")}>${msg("I already have an account")}</button></div>`;
  }

  private renderTwoFactor(): TemplateResult {
    const label = this.backupCode ? msg("Backup code") : msg("Code from your authenticator app");
    return html`<p class="lead">
        ${this.backupCode ? msg("Enter one of the backup codes you saved when you turned on two-step verification. Each works once.") : msg("Open your authenticator app and enter the 6-digit code it shows for Frontdesk.")}
      </p>
      <form part="form" novalidate @submit=${this.verifyCode}>
        ${this.input("code", label, this.backupCode ? { autocomplete: "off" } : { autocomplete: "one-time-code", inputmode: "numeric" })}
        ${submitButton(msg("Verify"), msg("Verifying…"), this.busy)}
      </form>
      <div class="links">
        <button
          type="button"
          class="link"
          part="button"
          @click=${() => {
            this.backupCode = !this.backupCode;
            this.values = { ...this.values, code: "" };
            this.errors = {};
            this.focusAfterRender = "code";
          }}
        >
          ${this.backupCode ? msg("Use a code from the app instead") : msg("Use a backup code instead")}
        </button>
      </div>`;
  }

  private renderForgot(): TemplateResult {
    return html`<p class="lead">${msg("Enter the e-mail address of your account and we will send you a link to choose a new password.")}</p>
      <form part="form" novalidate @submit=${this.requestReset}>
        ${this.input("email", msg("E-mail"), { type: "email", autocomplete: "username" })} ${submitButton(msg("Send the link"), msg("Sending…"), this.busy)}
      </form>`;
  }

  private renderReset(): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.resetPassword}>
      ${this.input("password", msg("New password"), { type: "password", autocomplete: "new-password", hint: passwordRule() })}
      ${submitButton(msg("Change password"), msg("Changing…"), this.busy)}
    </form>`;
  }

  private renderSignedIn(): TemplateResult {
    const user = this.user!;
    return html`<p class="lead">${msg(str`Signed in as ${isolate(user.name)} (${isolate(user.email)}).`)}</p>
      <button type="button" class="button" part="button" @click=${() => void this.signOut()}>${msg("Sign out")}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-sign-in": FdSignIn;
  }
}
