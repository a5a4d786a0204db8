import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { Task, TaskStatus } from "@lit/task";
import { createFrontdeskMemberClient, toClientError, type FrontdeskMemberClient } from "@frontdesk/client";
import { apiBaseFor, base, errorState, errorText, FdWidget, isolate, loadingState, tokens, visitorZone, widgetStyles } from "@frontdesk/ui";
import { accountErrorText } from "../shared/account-texts";
import { accountsClientFor, field, submitButton, type FormErrors } from "../shared/fields";
import { timeZones } from "../account/account.views";
import { signInStyles } from "../sign-in/sign-in.styles";
import { appointmentIdFromPage, appointmentPanel, forgetAppointmentOfPage } from "./back-office.appointment";
import { backOfficeStyles } from "./back-office.styles";

type Me = Awaited<ReturnType<FrontdeskMemberClient["accounts"]["me"]["query"]>>;
type Membership = Me["businesses"][number];

const roleName = (role: Membership["role"]) => (role === "owner" ? msg("Owner") : role === "admin" ? msg("Admin") : msg("Staff"));

/** Why an invitation could not be accepted, in the page's language. */
function invitationProblem(code: string, message: string): string {
  switch (code) {
    case "INVALID_INVITATION":
      return msg("This invitation link does not work any more. Ask the business for a new invitation.");
    case "INVITATION_EXPIRED":
      return msg("This invitation has expired. Ask the business for a new one.");
    case "INVITATION_FOR_ANOTHER_EMAIL":
      return msg("This invitation was sent to another e-mail address. Sign out, then sign in or create an account with that address to accept it.");
    default:
      return message;
  }
}

/** The events by which the slotted tools say they changed the business. */
const toolChanges = [
  "fd-business-setup-saved",
  "fd-team-member-invited",
  "fd-team-member-updated",
  "fd-team-member-removed",
  "fd-api-key-created",
  "fd-api-key-revoked",
  "fd-calendar-disconnected",
  "fd-approval-decided",
  "fd-number-added",
  "fd-number-updated",
  "fd-number-released",
  "fd-agent-created",
  "fd-agent-published",
  "fd-agent-updated",
];

/** A slotted tool that can read the business again: `<fd-team>`, `<fd-business-setup>`, `<fd-api-keys>`, `<fd-call-log>`, `<fd-phone-numbers>`, `<fd-agents>`. */
interface Refreshable {
  refresh(): Promise<void>;
}

const invitationFromPage = () => new URL(location.href).searchParams.get("invitation") ?? undefined;

/**
 * @summary The back office of a business: sign in, create the business or join one through an invitation, then the account and the business's own tools.
 *
 * Signed out it shows `<fd-sign-in>`; signed in without a business, a short form to create one; with `?invitation=<token>` in the
 * page's address it accepts that invitation once the person is signed in. Signed in with a business, it shows the business,
 * the person's role, `<fd-account>`, and the elements the page put in its `approvals`, `calls`, `team`, `calendars`, `setup` and (for
 * owners and admins) `keys`, `numbers` and `agents` slots, each given the business's id as its `business` attribute.
 * When one of them changes the business (an `fd-business-setup-saved`, `fd-team-member-*`, `fd-api-key-*`,
 * `fd-approval-decided`, `fd-number-*` or `fd-agent-*` event), the others that have a `refresh()` method read it again.
 * With `#appointment=<id>` in the page's address (the link calendar sync writes into each appointment's calendar event), it
 * shows that appointment above the tools, read in the business chosen; the hash outlives signing in, and Close removes it.
 *
 * @slot calls - The phone line's call log (e.g. `<fd-call-log>`), shown to every member.
 * @slot team - The team's tools (e.g. `<fd-team>`), shown once signed in with a business.
 * @slot calendars - The staff members' connected calendars (e.g. `<fd-calendar-connections>`), shown to every member: a staff member sees their own.
 * @slot setup - The business's set-up and keys (e.g. `<fd-business-setup>`), shown with it.
 * @slot keys - The API keys and webhooks (e.g. `<fd-api-keys>`), shown to the business's owners and admins only.
 * @slot approvals - The approval queue of the phone agent's actions (e.g. `<fd-approvals>`), shown to every member.
 * @slot numbers - The phone numbers (e.g. `<fd-phone-numbers>`), shown to the business's owners and admins only.
 * @slot agents - The phone agents (e.g. `<fd-agents>`), shown to the business's owners and admins only.
 *
 * @csspart base - The frame around the business's heading.
 * @csspart header - The business name, the person's role and the sign-out button.
 * @csspart form - The form that creates a business.
 * @csspart input - Its inputs.
 * @csspart field-error - The message under an input the server or the form found wrong.
 * @csspart button - Secondary buttons (Sign out; in the appointment, Close and Go to the approvals).
 * @csspart button-primary - The button that creates the business.
 * @csspart notice - What accepting an invitation did; in the appointment, that a request waits for approval.
 * @csspart appointment - The panel of the appointment the page's `#appointment=<id>` names.
 * @csspart appointment-close - Its Close button (also a `button`).
 * @csspart status - The appointment's status.
 * @csspart error - A failure of the whole page.
 *
 * @event {CustomEvent<{ businessId: string; role: string }>} fd-business-chosen - The business the page now works for. `detail: { businessId, role }`.
 */
export class FdBackOffice extends FdWidget {
  static override styles = [tokens, base, widgetStyles, signInStyles, backOfficeStyles];

  static override properties = {
    ...FdWidget.properties,
    me: { state: true },
    chosen: { state: true },
    signedOut: { state: true },
    failure: { state: true },
    notice: { state: true },
    problem: { state: true },
    business: { state: true },
    errors: { state: true },
    busy: { state: true },
    appointmentId: { state: true },
  };

  private declare me: Me | undefined;
  private declare chosen: string | undefined;
  private declare signedOut: boolean;
  private declare failure: string | undefined;
  private declare notice: string | undefined;
  /** Why the invitation in the page's address was not accepted. */
  private declare problem: string | undefined;
  private declare business: { name: string; timeZone: string; address: string };
  private declare errors: FormErrors;
  private declare busy: boolean;
  /** The appointment the page's `#appointment=<id>` names. */
  private declare appointmentId: string | undefined;
  /** The appointment's heading takes the focus once drawn: the person came here from a link to it. */
  private focusAppointment = false;

  private readonly appointmentTask = new Task(this, {
    task: async ([business, appointmentId]) => {
      if (!business || !appointmentId) return undefined;
      const api = createFrontdeskMemberClient({ baseUrl: apiBaseFor(this.apiBase), business });
      return api.staff.appointment.query({ appointmentId });
    },
    args: () => [this.membership?.id, this.appointmentId] as const,
  });

  private readonly onHashChange = (): void => {
    const id = appointmentIdFromPage();
    if (id && id !== this.appointmentId) this.focusAppointment = true;
    this.appointmentId = id;
  };

  constructor() {
    super();
    this.hidePoweredBy = true;
    this.me = undefined;
    this.chosen = undefined;
    this.signedOut = false;
    this.failure = undefined;
    this.notice = undefined;
    this.problem = undefined;
    this.business = { name: "", timeZone: visitorZone(), address: "" };
    this.errors = {};
    this.busy = false;
    this.appointmentId = appointmentIdFromPage();
    this.focusAppointment = this.appointmentId !== undefined;
  }

  /** A change one of the slotted tools made (a staff member the set-up added, say): the others read the business again. */
  private readonly onToolChanged = (event: Event): void => {
    for (const element of this.querySelectorAll(":scope > [slot]")) {
      if (element !== event.target) void (element as Partial<Refreshable>).refresh?.();
    }
  };

  private get api(): FrontdeskMemberClient {
    return createFrontdeskMemberClient({ baseUrl: apiBaseFor(this.apiBase), ...(this.chosen ? { business: this.chosen } : {}) });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of toolChanges) this.addEventListener(type, this.onToolChanged);
    window.addEventListener("hashchange", this.onHashChange);
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of toolChanges) this.removeEventListener(type, this.onToolChanged);
    window.removeEventListener("hashchange", this.onHashChange);
  }

  /** Who is signed in and their businesses; an invitation in the page's address is accepted first. */
  private async refresh(): Promise<void> {
    try {
      const session = await accountsClientFor(this.apiBase).session();
      this.signedOut = !session;
      if (!session) return;
      const invitation = invitationFromPage();
      if (invitation) await this.accept(invitation);
      this.me = await this.api.accounts.me.query();
      // The language the person chose in their profile, unless the page set one.
      if (!this.hasAttribute("locale") && this.me.user.locale) this.locale = this.me.user.locale;
      const ids = this.me.businesses.map((business) => business.id);
      if (!this.chosen || !ids.includes(this.chosen)) this.choose(ids[0]);
    } catch (error) {
      this.failure = error instanceof Error && error.name === "AccountsError" ? accountErrorText(error) : errorText(toClientError(error));
    }
  }

  private async accept(token: string): Promise<void> {
    const url = new URL(location.href);
    url.searchParams.delete("invitation");
    history.replaceState(history.state, "", url.href);
    try {
      const joined = await this.api.accounts.acceptInvitation.mutate({ token });
      this.chosen = joined.business.id;
      this.notice = msg(str`You joined ${isolate(joined.business.name)} as ${roleName(joined.role)}.`);
    } catch (error) {
      const failed = toClientError(error);
      this.notice = undefined;
      this.problem = invitationProblem(failed.code, failed.message);
    }
  }

  private choose(id: string | undefined): void {
    this.chosen = id;
    const membership = this.membership;
    if (membership) this.dispatchEvent(new CustomEvent("fd-business-chosen", { bubbles: true, composed: true, detail: { businessId: membership.id, role: membership.role } }));
  }

  private get membership(): Membership | undefined {
    return this.me?.businesses.find((business) => business.id === this.chosen);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed as never);
    // The slotted tools act for the business chosen here.
    for (const slot of this.renderRoot.querySelectorAll("slot")) {
      for (const element of slot.assignedElements()) {
        if (this.chosen) element.setAttribute("business", this.chosen);
        else element.removeAttribute("business");
      }
    }
    const heading = this.focusAppointment ? this.renderRoot.querySelector<HTMLElement>("#appointment-heading") : null;
    if (heading) {
      this.focusAppointment = false;
      heading.focus();
    }
  }

  private closeAppointment(): void {
    forgetAppointmentOfPage();
    this.appointmentId = undefined;
    this.focusAfterRender = "business-heading";
  }

  /** The approvals the page put in its `approvals` slot, brought into view with the focus on them. */
  private showApprovals(): void {
    const approvals = this.querySelector<HTMLElement>(":scope > [slot=approvals]");
    if (!approvals) return;
    if (!approvals.hasAttribute("tabindex")) approvals.setAttribute("tabindex", "-1");
    approvals.focus();
  }

  private createBusiness = async (event: Event) => {
    event.preventDefault();
    if (this.busy) return;
    const { name, timeZone, address } = this.business;
    if (!name.trim()) {
      this.errors = { name: msg("Give the business a name.") };
      this.focusAfterRender = "business-name";
      return;
    }
    this.busy = true;
    try {
      const created = await this.api.accounts.createBusiness.mutate({ name: name.trim(), timeZone, ...(address.trim() ? { address: address.trim() } : {}) });
      this.chosen = created.id;
      this.notice = msg(str`${isolate(created.name)} is ready.`);
      this.errors = {};
      await this.refresh();
    } catch (error) {
      const failed = toClientError(error);
      const at = failed.field === "name" || failed.field === "address" ? failed.field : "form";
      this.errors = { [at]: failed.field === "name" ? msg("Give the business a name, in at most 120 characters.") : errorText(failed) };
      if (at !== "form") this.focusAfterRender = `business-${at}`;
    } finally {
      this.busy = false;
    }
  };

  private async signOut(): Promise<void> {
    await accountsClientFor(this.apiBase).call("sign-out", {}).catch(() => undefined);
    this.me = undefined;
    this.chosen = undefined;
    this.notice = undefined;
    this.problem = undefined;
    this.signedOut = true;
  }

  override render() {
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>${this.renderState()}</div>`;
  }

  private renderState(): TemplateResult {
    if (this.failure) return errorState(this.failure, () => ((this.failure = undefined), void this.refresh()));
    if (this.signedOut) {
      return html`${invitationFromPage() ? html`<p class="state notice-info" part="notice">${msg("Sign in, or create an account with the address the invitation was sent to, to join the business.")}</p>` : nothing}
        <fd-sign-in
          api-base=${this.apiBase ?? nothing}
          locale=${this.locale ?? nothing}
          mode=${invitationFromPage() ? "sign-up" : "sign-in"}
          @fd-signed-in=${() => void this.refresh()}
        ></fd-sign-in>`;
    }
    if (!this.me) return loadingState(msg("Loading…"));
    const membership = this.membership;
    const notice = html`<div role="status" aria-live="polite">
      ${this.notice ? html`<div class="state success" part="notice">${this.notice}</div>` : nothing}${this.problem ? errorState(this.problem) : nothing}
    </div>`;
    if (!membership) return html`${notice}${this.renderCreate()}`;
    return html`<div class="frame" part="base">
        <div class="header bar" part="header">
          <div>
            <h1 class="business-name" id="business-heading" tabindex="-1"><bdi>${membership.name}</bdi></h1>
            <p class="hint">${msg(str`Signed in as ${isolate(this.me.user.name)} · ${roleName(membership.role)}`)}</p>
          </div>
          ${this.me.businesses.length > 1 ? this.renderChooser() : nothing}
          <button type="button" class="button" part="button" @click=${() => void this.signOut()}>${msg("Sign out")}</button>
        </div>
        ${notice}
      </div>
      <div class="tools">
        ${this.appointmentId ? this.renderAppointment(membership) : nothing}
        <fd-account api-base=${this.apiBase ?? nothing} locale=${this.locale ?? nothing}></fd-account>
        <slot name="approvals"></slot>
        <slot name="calls"></slot>
        <slot name="team"></slot>
        <slot name="calendars"></slot>
        <slot name="setup"></slot>
        ${membership.role === "staff" ? nothing : html`<slot name="keys"></slot><slot name="numbers"></slot><slot name="agents"></slot>`}
      </div>`;
  }

  private renderAppointment(membership: Membership): TemplateResult {
    return appointmentPanel({
      render: (states) => this.appointmentTask.render({ initial: states.pending, ...states }),
      retry: () => void this.appointmentTask.run(),
      locale: this.resolvedLocale,
      businessName: membership.name,
      otherBusinesses: this.me!.businesses.length > 1,
      busy: this.appointmentTask.status === TaskStatus.PENDING,
      close: () => this.closeAppointment(),
      showApprovals: () => this.showApprovals(),
    });
  }

  private renderChooser(): TemplateResult {
    return html`<div class="field">
      <label for="business-choice">${msg("Business")}</label>
      <select id="business-choice" part="input" @change=${(event: Event) => this.choose((event.target as HTMLSelectElement).value)}>
        ${this.me!.businesses.map((business) => html`<option value=${business.id} ?selected=${business.id === this.chosen}>${business.name}</option>`)}
      </select>
    </div>`;
  }

  private renderCreate(): TemplateResult {
    const set = (name: keyof FdBackOffice["business"]) => (value: string) => {
      this.business = { ...this.business, [name]: value };
      if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
    };
    return html`<div class="frame" part="base">
      <h2 id="step-heading" tabindex="-1">${msg("Create your business")}</h2>
      <p class="lead">${msg("Name the business your customers book with. You can add opening hours, services and your team next.")}</p>
      <form part="form" novalidate @submit=${this.createBusiness}>
        ${field({ id: "business-name", label: msg("Business name"), value: this.business.name, error: this.errors.name, autocomplete: "organization", onInput: set("name") })}
        <div class="field">
          <label for="business-zone">${msg("Time zone")}</label>
          <select id="business-zone" part="input" @change=${(event: Event) => set("timeZone")((event.target as HTMLSelectElement).value)}>
            ${timeZones().map((zone) => html`<option value=${zone} ?selected=${zone === this.business.timeZone}>${zone}</option>`)}
          </select>
        </div>
        ${field({ id: "business-address", label: msg("Address (optional)"), value: this.business.address, error: this.errors.address, required: false, autocomplete: "street-address", onInput: set("address") })}
        ${this.errors.form ? errorState(this.errors.form) : nothing} ${submitButton(msg("Create business"), msg("Creating…"), this.busy)}
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-back-office": FdBackOffice;
  }
}
