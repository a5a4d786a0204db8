import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import { FrontdeskClientError } from "@frontdesk/client";
import type { ApiScope, BusinessConfig, WeekdayName } from "@frontdesk/core";
import { apiBaseFor, base, errorState, isolate, loadingState, tokens, widgetStyles } from "@frontdesk/ui";
import { backOfficeStyles } from "../back-office/back-office.styles";
import { errorMessage, FdBackOfficeWidget, retryable } from "../back-office/back-office-widget";
import { businessSetupStyles } from "./business-setup.styles";
import { keysStep, servicesStep, staffStep, stepNav, type ServiceDraft, type StaffDraft } from "./business-setup.steps";
import { hoursEditor, weekHoursOf, weeklyRangesOf, type DayHours, type WeekHours } from "./opening-hours";

export type SetupStep = "hours" | "services" | "staff" | "keys" | "done";
export const setupSteps: readonly Exclude<SetupStep, "done">[] = ["hours", "services", "staff", "keys"];

/** `detail` of the `fd-business-setup-saved` event. */
export interface BusinessSetupSavedDetail {
  /** The step that saved. */
  step: Exclude<SetupStep, "done">;
}

/** `detail` of the `fd-business-setup-completed` event. */
export interface BusinessSetupCompletedDetail {
  /** The publishable key made in the wizard, if one was. */
  publishableKey: string | null;
}

/** Every scope, for the business's first secret key; listed as a record so that a new scope cannot be forgotten here. */
const everyScope: Record<ApiScope, true> = {
  "config:read": true,
  "config:write": true,
  "keys:write": true,
  "keys:read": true,
  "bookings:read": true,
  "bookings:write": true,
  "outbox:read": true,
  "team:read": true,
  "team:write": true,
  "audit:read": true,
  "customers:read": true,
  "customers:write": true,
  "webhooks:read": true,
  "webhooks:write": true,
  "sessions:write": true,
  "calls:read": true,
  "calls:write": true,
  "agents:read": true,
  "agents:write": true,
  "numbers:read": true,
  "numbers:write": true,
  "approvals:read": true,
  "approvals:write": true,
  "knowledge:write": true,
};

const emptyService = (): ServiceDraft => ({ name: "", duration: "30", price: "", currency: "USD" });
const emptyStaff = (): StaffDraft => ({ name: "", title: "", serviceIds: [] });

/** "45", "45.5", "45,50" → 4550; null for an empty price; undefined for one that is not a price. */
export function priceCentsOf(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (!/^\d+([.,]\d{1,2})?$/.test(trimmed)) return undefined;
  return Math.round(Number(trimmed.replace(",", ".")) * 100);
}

/**
 * @summary The owner's first set-up of a new business: opening hours, the first services and staff, and the keys for the website and for the business's own server. Every step can be skipped and taken up later.
 *
 * @csspart base - The outer frame.
 * @csspart header - The business's name and the list of steps.
 * @csspart step - The heading and the current step.
 * @csspart steps - The list of steps, each a button to go to it.
 * @csspart hours - The week of opening hours.
 * @csspart section - A part of a step: what exists already, the form for a new one.
 * @csspart form - The form of a step.
 * @csspart input - Every text field, checkbox and time field.
 * @csspart key - A key shown for copying.
 * @csspart button - Every secondary button (Skip, Copy, Back to a step, Try again).
 * @csspart button-primary - The main action of a step.
 * @csspart notice - What a step saved.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the current step and the main button.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors and the "shown once" warning.
 * @cssprop [--fd-color-success=#067647] - Success messages and finished steps.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<BusinessSetupSavedDetail>} fd-business-setup-saved - A step saved something (hours, a service, a staff member, a key). `detail: { step }`.
 * @event {CustomEvent<BusinessSetupCompletedDetail>} fd-business-setup-completed - The owner went through the last step. `detail: { publishableKey }` (null when none was made).
 */
export class FdBusinessSetup extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, backOfficeStyles, businessSetupStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    config: { state: true },
    step: { state: true },
    week: { state: true },
    service: { state: true },
    staff: { state: true },
    origins: { state: true },
    publishableKey: { state: true },
    secretKeyName: { state: true },
    secretKey: { state: true },
    busy: { state: true },
    problem: { state: true },
    notice: { state: true },
  };

  private declare config: BusinessConfig | undefined;
  private declare step: SetupStep;
  private declare week: WeekHours | undefined;
  private declare service: ServiceDraft;
  private declare staff: StaffDraft;
  private declare origins: string;
  /** The publishable key made in this visit. */
  private declare publishableKey: string | undefined;
  private declare secretKeyName: string;
  /** The secret key just made: shown once, gone when the owner leaves the step. */
  private declare secretKey: string | undefined;
  private declare busy: boolean;
  private declare problem: { field: string | undefined; text: string } | undefined;
  private declare notice: string | undefined;

  private readonly configTask = new Task(this, {
    task: async () => this.call((api) => api.config.get.query()),
    args: () => [this.api],
    onComplete: (config) => this.loaded(config),
  });

  constructor() {
    super();
    this.config = undefined;
    this.step = "hours";
    this.week = undefined;
    this.service = emptyService();
    this.staff = emptyStaff();
    this.origins = "";
    this.publishableKey = undefined;
    this.secretKeyName = "";
    this.secretKey = undefined;
    this.busy = false;
    this.problem = undefined;
    this.notice = undefined;
  }

  /** Reads the business's configuration again, for a page where something else changed it. */
  async refresh(): Promise<void> {
    await this.configTask.run();
  }

  /** The first load opens the first step with nothing saved yet; later loads only refresh what exists. */
  private loaded(config: BusinessConfig): void {
    const first = !this.config;
    this.config = config;
    if (!first) return;
    this.week = weekHoursOf(config.businessHours);
    const done = this.doneSteps(config);
    this.step = setupSteps.find((step) => !done.has(step)) ?? "done";
  }

  /** What the business has already: a step with something saved counts as done, though it can be opened again. */
  private doneSteps(config: BusinessConfig): Set<SetupStep> {
    const done = new Set<SetupStep>();
    if (Object.values(config.businessHours).some((ranges) => ranges?.length)) done.add("hours");
    if (config.services.some((service) => service.active)) done.add("services");
    if (config.staff.some((member) => member.active)) done.add("staff");
    if (config.publishableKeys.some((key) => !key.revoked)) done.add("keys");
    return done;
  }

  private goTo(step: SetupStep): void {
    this.step = step;
    this.problem = undefined;
    this.notice = undefined;
    // The secret key is shown once: leaving the step forgets it.
    this.secretKey = undefined;
    this.focusAfterRender = "step-heading";
    if (step !== "done") return;
    const detail: BusinessSetupCompletedDetail = { publishableKey: this.publishableKey ?? null };
    this.dispatchEvent(new CustomEvent("fd-business-setup-completed", { bubbles: true, composed: true, detail }));
  }

  private next(): void {
    const at = setupSteps.indexOf(this.step as (typeof setupSteps)[number]);
    this.goTo(setupSteps[at + 1] ?? "done");
  }

  /** Saves, then reads the configuration again; a refusal is shown by the field it names and nothing moves on. */
  private async save(work: () => Promise<string | void>, then?: () => void, focusOnError?: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.problem = undefined;
    this.notice = undefined;
    try {
      const notice = await work();
      const detail: BusinessSetupSavedDetail = { step: this.step as Exclude<SetupStep, "done"> };
      this.dispatchEvent(new CustomEvent("fd-business-setup-saved", { bubbles: true, composed: true, detail }));
      await this.configTask.run();
      if (then) then();
      this.notice = notice || undefined;
    } catch (error) {
      this.problem = { field: error instanceof FrontdeskClientError ? error.field : undefined, text: errorMessage(error) };
      if (focusOnError) this.focusAfterRender = focusOnError;
    } finally {
      this.busy = false;
    }
  }

  private saveHours(): void {
    const hours = weeklyRangesOf(this.week!);
    void this.save(() => this.call((api) => api.config.setBusinessHours.mutate({ hours })).then(() => undefined), () => this.next());
  }

  private addService(event: Event): void {
    event.preventDefault();
    const { name, duration, price, currency } = this.service;
    const priceCents = priceCentsOf(price);
    if (!name.trim()) return this.refuse("name", msg("Give the service a name."), "service-name");
    if (!/^\d+$/.test(duration.trim()) || Number(duration) < 5) return this.refuse("durationMin", msg("Enter a duration of at least 5 minutes."), "service-duration");
    if (priceCents === undefined) return this.refuse("priceCents", msg("Enter a price like 45 or 45.50, or leave it empty."), "service-price");
    void this.save(
      async () => {
        await this.call((api) => api.config.saveService.mutate({ name: name.trim(), durationMin: Number(duration), priceCents, currency: currency.trim().toUpperCase() || "USD" }));
        this.service = { ...emptyService(), currency: this.service.currency };
        this.focusAfterRender = "service-name";
        return msg(str`${isolate(name.trim())} was added.`);
      },
      undefined,
      "service-name",
    );
  }

  private addStaff(event: Event): void {
    event.preventDefault();
    const { name, title, serviceIds } = this.staff;
    if (!name.trim()) return this.refuse("name", msg("Give the staff member a name."), "staff-name");
    const hours = Object.values(this.config!.businessHours).some((ranges) => ranges?.length) ? this.config!.businessHours : weeklyRangesOf(this.week!);
    void this.save(
      async () => {
        const { id } = await this.call((api) => api.config.saveStaff.mutate({ name: name.trim(), title: title.trim(), serviceIds }));
        // A new staff member works the business's hours until someone sets their own.
        await this.call((api) => api.config.setStaffHours.mutate({ staffId: id, hours }));
        this.staff = emptyStaff();
        this.focusAfterRender = "staff-name";
        return msg(str`${isolate(name.trim())} was added, working the business's opening hours.`);
      },
      undefined,
      "staff-name",
    );
  }

  private createPublishableKey(event: Event): void {
    event.preventDefault();
    const allowedOrigins = this.origins.split(/[\s,]+/).filter(Boolean);
    if (!allowedOrigins.length) return this.refuse("allowedOrigins", msg("Enter the address of your website, like https://clinic.example."), "key-origins");
    void this.save(
      async () => {
        this.publishableKey = (await this.call((api) => api.config.createPublishableKey.mutate({ allowedOrigins }))).key;
        this.origins = "";
        return msg("Your publishable key is ready: put it in your website's booking form.");
      },
      undefined,
      "key-origins",
    );
  }

  /** A secret key with every scope, for the business's own server: shown once, then only its prefix is ever listed. */
  private createSecretKey(event: Event): void {
    event.preventDefault();
    const name = this.secretKeyName.trim();
    void this.save(async () => {
      this.secretKey = (await this.call((api) => api.keys.createSecretKey.mutate({ name, scopes: Object.keys(everyScope) as ApiScope[] }))).key;
      this.secretKeyName = "";
    });
  }

  private refuse(field: string, text: string, focus: string): void {
    this.problem = { field, text };
    this.focusAfterRender = focus;
  }

  private async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.notice = msg(str`${what} copied to the clipboard.`);
    } catch {
      this.notice = msg("Copying is not allowed on this page: select the key and copy it yourself.");
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.renderFrame({
        header: this.config
          ? html`<span class="business"><bdi>${this.config.business.name}</bdi></span>${stepNav(this.step, this.doneSteps(this.config), (step) => this.goTo(step))}`
          : undefined,
        title: this.stepTitle(),
        announcement: this.notice ? html`<p class="state success" part="notice">${this.notice}</p>` : nothing,
        content: this.config && this.week ? this.renderStep(this.config, this.week) : nothing,
        status: this.renderStatus(),
      })}
    </div>`;
  }

  private stepTitle(): string {
    switch (this.step) {
      case "hours":
        return msg("When are you open?");
      case "services":
        return msg("What can customers book?");
      case "staff":
        return msg("Who takes the appointments?");
      case "keys":
        return msg("Keys for your website and your server");
      case "done":
        return msg("Your business is set up");
    }
  }

  private renderStatus(): unknown {
    if (this.problem && !this.problem.field) return errorState(this.problem.text);
    if (this.config) return nothing;
    return this.configTask.render({
      pending: () => loadingState(msg("Loading your business…")),
      error: (error) => errorState(errorMessage(error), retryable(error) ? () => void this.configTask.run() : undefined),
    });
  }

  private renderStep(config: BusinessConfig, week: WeekHours): TemplateResult {
    const fieldProblem = this.problem?.field ? this.problem : undefined;
    switch (this.step) {
      case "hours":
        return html`<p class="lead">${msg(str`Times are in your business's time zone, ${config.business.timeZone}.`)}</p>
          ${hoursEditor(week, this.resolvedLocale, (day: WeekdayName, patch: Partial<DayHours>) => (this.week = { ...week, [day]: { ...week[day], ...patch } }))}
          ${fieldProblem ? errorState(fieldProblem.text) : nothing}
          ${this.stepActions(msg("Save the hours and continue"), () => this.saveHours())}`;
      case "services":
        return html`${servicesStep({
          config,
          draft: this.service,
          locale: this.resolvedLocale,
          problem: fieldProblem,
          busy: this.busy,
          changed: (patch) => (this.service = { ...this.service, ...patch }),
          submit: (event) => this.addService(event),
        })}
        ${this.stepActions(msg("Continue"), () => this.next(), true)}`;
      case "staff":
        return html`${staffStep({
          config,
          draft: this.staff,
          problem: fieldProblem,
          busy: this.busy,
          changed: (patch) => (this.staff = { ...this.staff, ...patch }),
          submit: (event) => this.addStaff(event),
        })}
        ${this.stepActions(msg("Continue"), () => this.next(), true)}`;
      case "keys":
        return html`${keysStep({
          config,
          apiBase: apiBaseFor(this.apiBase || this.provided?.apiBase),
          origins: this.origins,
          publishableKey: this.publishableKey,
          secretKeyName: this.secretKeyName,
          secretKey: this.secretKey,
          problem: fieldProblem,
          busy: this.busy,
          originsChanged: (origins) => (this.origins = origins),
          secretKeyNameChanged: (name) => (this.secretKeyName = name),
          createPublishableKey: (event) => this.createPublishableKey(event),
          createSecretKey: (event) => this.createSecretKey(event),
          copy: (text, what) => void this.copy(text, what),
        })}
        ${this.stepActions(msg("Finish"), () => this.next())}`;
      case "done":
        return html`<p>${msg("Everything can be changed later. Open a step above to add more services, staff or keys.")}</p>`;
    }
  }

  /** The step's main action (`afterSaving`: only once something is saved), and Skip, which saves nothing, for a step not done yet. */
  private stepActions(label: string, action: () => void, afterSaving = false): TemplateResult {
    const skippable = this.step !== "done" && !this.doneSteps(this.config!).has(this.step);
    return html`<div class="actions step-actions">
      ${afterSaving && skippable
        ? nothing
        : html`<button type="button" class="button primary" part="button button-primary" aria-disabled=${this.busy ? "true" : nothing} @click=${action}>${label}</button>`}
      ${skippable ? html`<button type="button" class="button" part="button" @click=${() => this.next()}>${msg("Skip for now")}</button>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-business-setup": FdBusinessSetup;
  }
}
