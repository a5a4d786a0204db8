import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import type { CalendarConnectionView, CalendarProviderName, ConnectedCalendarView } from "@frontdesk/core";
import { apiBaseFor, base, isolate, tokens, widgetStyles } from "@frontdesk/ui";
import { FdBackOfficeWidget } from "../back-office/back-office-widget";
import { backOfficeStyles } from "../back-office/back-office.styles";
import { confirmable } from "../api-keys/api-keys.keys";
import { calendarConnectionsStyles } from "./calendar-connections.styles";
import { calendarErrorMessage, connectRefusalText, freshness, providerName } from "./calendar-connections.texts";

/** `detail` of `fd-calendar-connected`: the connection the person just made, once the widget has read it. */
export interface CalendarConnectedDetail {
  connectionId: string;
  staffId: string;
  provider: CalendarProviderName;
}

/** `detail` of `fd-calendar-disconnected`. */
export type CalendarDisconnectedDetail = CalendarConnectedDetail;

/** `detail` of `fd-calendars-chosen`: what now counts as busy, and where appointments go (`undefined`: unchanged). */
export interface CalendarsChosenDetail {
  connectionId: string;
  staffId: string;
  busyCalendarIds: string[];
  destinationCalendarId: string | null | undefined;
}

/** Who is looking, and whose calendars they may see. */
interface Viewer {
  role: "owner" | "admin" | "staff";
  /** The viewer's own staff record, if one is linked: only its calendars can they connect themselves. */
  ownStaffId: string | null;
  /** The staff records an owner or admin may pick among; only their own for a staff member. */
  staff: { id: string; name: string }[];
}

interface Loaded {
  viewer: Viewer;
  staffId: string | null;
  connections: CalendarConnectionView[];
  /** The providers this server has set up: only theirs are offered. */
  providers: CalendarProviderName[];
  /** Whether the staff member has a working calendar feed. */
  feedExists: boolean;
}

/** The choice being edited for one connection; `destination` undefined: untouched. */
interface Draft {
  busy: string[];
  destination: string | null | undefined;
}

const eventInit = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });

/**
 * @summary A staff member's Google and Outlook calendars: connect, choose which count as busy and the one that receives appointments, see how fresh they are, reconnect, disconnect; and the secret calendar feed link (ICS) for other calendar apps. Owners and admins do the same for each staff member and send them a connect link.
 *
 * After the provider's consent the browser comes back to the page with `?calendar=connected` (or `?calendar=error&reason=…`):
 * the widget says what happened and takes those parameters out of the address.
 *
 * @csspart base - The outer frame.
 * @csspart step - The heading and the sections.
 * @csspart staff-picker - The choice of staff member (owners and admins).
 * @csspart connect - The buttons that connect a calendar, or send a connect link.
 * @csspart connection - One connected account.
 * @csspart reconnect - The prompt of a broken connection, with its reason.
 * @csspart calendar - One calendar of an account.
 * @csspart freshness - How fresh a calendar's busy times are, or its sync error.
 * @csspart badge - A state: connected, broken.
 * @csspart form - The choice of calendars of a connection.
 * @csspart fieldset - Its two groups: calendars that count as busy, and the destination.
 * @csspart feed - The calendar feed section: its link, Copy, a new link, stopping the feed.
 * @csspart feed-url - The read-only field with the feed's link.
 * @csspart input - The staff picker.
 * @csspart button - Every secondary button.
 * @csspart button-primary - The buttons that connect, reconnect and save.
 * @csspart button-danger - The button that confirms a disconnection.
 * @csspart notice - What a change did, and the polite refusal.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main buttons.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Broken connections, sync errors and the confirming button.
 * @cssprop [--fd-color-success=#067647] - Success messages and connected accounts.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<CalendarConnectedDetail>} fd-calendar-connected - The person came back from the provider with a new connection. `detail: { connectionId, staffId, provider }`.
 * @event {CustomEvent<CalendarDisconnectedDetail>} fd-calendar-disconnected - A connection was removed. `detail: { connectionId, staffId, provider }`.
 * @event {CustomEvent<CalendarsChosenDetail>} fd-calendars-chosen - The calendars that count as busy, or the destination, were saved. `detail: { connectionId, staffId, busyCalendarIds, destinationCalendarId }` (`destinationCalendarId` undefined: unchanged; null: none).
 */
export class FdCalendarConnections extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, backOfficeStyles, calendarConnectionsStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    staffId: { attribute: "staff-id" },
    loaded: { state: true },
    notice: { state: true },
    confirming: { state: true },
    busy: { state: true },
    drafts: { state: true },
    feedShown: { state: true },
  };

  /** The staff member whose calendars to show (owners and admins); unset: the person's own, else the first. */
  declare staffId: string | undefined;
  private declare loaded: Loaded | undefined;
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  private declare confirming: string | undefined;
  private declare busy: boolean;
  private declare drafts: Map<string, Draft>;
  /** The feed link last shown, and whose it is: shown only while that staff member is. */
  private declare feedShown: { staffId: string; url: string } | undefined;
  private viewer: Viewer | undefined;
  private offered: CalendarProviderName[] | undefined;
  /** The connection the page came back with, announced once the list holds it. */
  private arrived: string | undefined;

  private readonly connectionsTask = new Task(this, {
    task: async ([, chosen]): Promise<Loaded> => {
      const [viewer, providers] = await Promise.all([
        this.viewer ?? (this.viewer = await this.loadViewer()),
        this.offered ?? (this.offered = (await this.call((api) => api.calendar.providers.query())).providers),
      ]);
      const staffId = viewer.role === "staff" ? viewer.ownStaffId : (chosen ?? viewer.ownStaffId ?? viewer.staff[0]?.id ?? null);
      if (!staffId) return { viewer, staffId, connections: [], providers, feedExists: false };
      const [connections, feed] = await Promise.all([
        this.call((api) => api.calendar.connections.query({ staffId })),
        this.call((api) => api.calendarFeeds.status.query({ staffId })),
      ]);
      return { viewer, staffId, connections, providers, feedExists: feed.exists };
    },
    args: () => [this.api, this.staffId] as const,
    onComplete: (loaded) => {
      this.loaded = loaded;
      this.drafts = new Map();
      this.announceArrival(loaded);
    },
  });

  constructor() {
    super();
    this.staffId = undefined;
    this.loaded = undefined;
    this.notice = undefined;
    this.confirming = undefined;
    this.busy = false;
    this.drafts = new Map();
    this.feedShown = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.readReturn();
  }

  /** Reads the connections again, for a page where something else changed them. */
  async refresh(): Promise<void> {
    this.viewer = undefined;
    this.offered = undefined;
    await this.connectionsTask.run();
  }

  /** Who is looking: an embed session's role and staff member, else the signed-in person's in the business. */
  private async loadViewer(): Promise<Viewer> {
    const { role, ownStaffId } = await this.whoIsLooking();
    if (role === "staff") return { role, ownStaffId, staff: [] };
    const config = await this.call((api) => api.config.get.query());
    return { role, ownStaffId, staff: config.staff.filter((record) => record.active).map(({ id, name }) => ({ id, name })) };
  }

  private async whoIsLooking(): Promise<Pick<Viewer, "role" | "ownStaffId">> {
    const session = await this.embedSession();
    if (session) return { role: session.role, ownStaffId: session.staffId };
    const me = await this.call((api) => api.accounts.me.query());
    const membership = me.businesses.find((business) => business.id === this.business) ?? me.businesses[0];
    return { role: membership?.role ?? "staff", ownStaffId: membership?.staffId ?? null };
  }

  /** `?calendar=connected|error` from the provider's round trip: said once, then taken out of the address. */
  private readReturn(): void {
    const url = new URL(location.href);
    const outcome = url.searchParams.get("calendar");
    if (outcome !== "connected" && outcome !== "error") return;
    if (outcome === "connected") {
      this.arrived = url.searchParams.get("connection") ?? undefined;
      this.notice = { kind: "success", text: msg("Your calendar is connected. Choose below which of its calendars count as busy.") };
    } else this.notice = { kind: "error", text: connectRefusalText(url.searchParams.get("reason")) };
    for (const name of ["calendar", "connection", "reason"]) url.searchParams.delete(name);
    history.replaceState(history.state, "", url.href);
  }

  private announceArrival(loaded: Loaded): void {
    const connection = loaded.connections.find((candidate) => candidate.id === this.arrived);
    if (!connection) return;
    this.arrived = undefined;
    this.focusAfterRender = `connection-${connection.id}`;
    this.dispatchEvent(new CustomEvent("fd-calendar-connected", eventInit<CalendarConnectedDetail>({ connectionId: connection.id, staffId: connection.staffId, provider: connection.provider })));
  }

  /** Runs one change, then shows the connections as the server has them now; a refusal is shown and nothing else changes. */
  private async change(work: () => Promise<string>, focus?: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.confirming = undefined;
    let notice: { kind: "success" | "error"; text: string };
    try {
      notice = { kind: "success", text: await work() };
    } catch (error) {
      notice = { kind: "error", text: calendarErrorMessage(error) };
    }
    // Said once the list shows what the change did.
    await this.connectionsTask.run().catch(() => undefined);
    this.busy = false;
    this.notice = notice;
    if (focus && notice.kind === "success") this.focusAfterRender = focus;
  }

  /** Where the provider sends the browser back: this page, as a path when the page is on the server's own origin. */
  private returnTo(): string {
    const here = new URL(location.href);
    const server = new URL(apiBaseFor(this.apiBase || this.provided?.apiBase), location.href);
    return server.origin === here.origin ? `${here.pathname}${here.search}${here.hash}` : here.href;
  }

  private async connect(provider: CalendarProviderName): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    try {
      const { url } = await this.call((api) => api.calendar.connect.mutate({ provider, returnTo: this.returnTo() }));
      location.assign(url);
    } catch (error) {
      this.notice = { kind: "error", text: calendarErrorMessage(error) };
      this.busy = false;
    }
  }

  private sendLink(staffId: string, name: string): void {
    void this.change(async () => {
      const sent = await this.call((api) => api.calendar.sendConnectLink.mutate({ staffId }));
      const until = new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "medium" }).format(new Date(sent.expiresAt));
      return msg(str`A link to connect a calendar was sent to ${isolate(name)} at ${isolate(sent.sentTo)}. It works until ${until}.`);
    });
  }

  private draftOf(connection: CalendarConnectionView): Draft {
    return this.drafts.get(connection.id) ?? { busy: connection.calendars.filter((calendar) => calendar.countsBusy).map((calendar) => calendar.id), destination: undefined };
  }

  private edit(connection: CalendarConnectionView, draft: Draft): void {
    this.drafts = new Map(this.drafts).set(connection.id, draft);
  }

  private save(event: Event, connection: CalendarConnectionView): void {
    event.preventDefault();
    const draft = this.draftOf(connection);
    void this.change(async () => {
      await this.call((api) =>
        api.calendar.chooseCalendars.mutate({ connectionId: connection.id, busyCalendarIds: draft.busy, ...(draft.destination === undefined ? {} : { destinationCalendarId: draft.destination }) }),
      );
      this.dispatchEvent(
        new CustomEvent("fd-calendars-chosen", eventInit<CalendarsChosenDetail>({ connectionId: connection.id, staffId: connection.staffId, busyCalendarIds: draft.busy, destinationCalendarId: draft.destination })),
      );
      return msg(str`The calendars of ${isolate(connection.email)} were saved.`);
    });
  }

  private readList(connection: CalendarConnectionView): void {
    void this.change(async () => {
      await this.call((api) => api.calendar.refreshCalendarList.mutate({ connectionId: connection.id }));
      return msg(str`The calendars of ${isolate(connection.email)} were read again.`);
    });
  }

  private disconnect(connection: CalendarConnectionView): void {
    void this.change(async () => {
      await this.call((api) => api.calendar.disconnect.mutate({ connectionId: connection.id }));
      this.dispatchEvent(new CustomEvent("fd-calendar-disconnected", eventInit<CalendarDisconnectedDetail>({ connectionId: connection.id, staffId: connection.staffId, provider: connection.provider })));
      return msg(str`${isolate(connection.email)} is disconnected: its busy times no longer block bookings.`);
    }, "step-heading");
  }

  /** Shows the feed's link (`get`, made on the first ask), or a new one in place of the old (`rotate`). */
  private showFeed(staffId: string, how: "get" | "rotate"): void {
    void this.change(async () => {
      const { url } = await this.call((api) => api.calendarFeeds[how].mutate({ staffId }));
      this.feedShown = { staffId, url };
      return how === "get"
        ? msg("The feed link is shown below. Copy it into your calendar app's subscription.")
        : msg("Here is a new feed link. The old one no longer works: subscribe to the new one in your calendar apps.");
    }, "feed-url");
  }

  private revokeFeed(staffId: string): void {
    void this.change(async () => {
      await this.call((api) => api.calendarFeeds.revoke.mutate({ staffId }));
      this.feedShown = undefined;
      return msg("The feed is stopped: its link no longer works.");
    }, "feed-heading");
  }

  /** Copy puts the link on the clipboard, or selects it where the page may not. */
  private async copyFeed(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.notice = { kind: "success", text: msg("Copied.") };
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>("#feed-url")?.select();
      this.notice = { kind: "error", text: msg("This page may not copy. The link is selected: copy it with your keyboard.") };
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  private readonly when = (instant: string): string => new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));

  override render() {
    return this.renderDeskPage({
      title: msg("Calendars"),
      notice: this.notice,
      loaded: this.loaded,
      content: (loaded) => this.renderLoaded(loaded),
      task: this.connectionsTask,
      loading: msg("Loading the calendars…"),
      refusal: msg("Your role does not allow this. Ask an owner or admin."),
      errorMessage: calendarErrorMessage,
      retry: () => void this.refresh(),
    });
  }

  private renderLoaded(loaded: Loaded): TemplateResult {
    const { viewer, staffId } = loaded;
    if (!staffId) {
      return html`<p class="state refusal" part="notice">
        ${viewer.role === "staff" ? msg("No staff record is linked to you, so there is no calendar to connect. Ask an owner or admin to link yours.") : msg("Add a staff member first: calendars are connected per staff member.")}
      </p>`;
    }
    const own = staffId === viewer.ownStaffId;
    const name = viewer.staff.find((record) => record.id === staffId)?.name ?? "";
    return html`${viewer.role === "staff" ? html`<p class="lead">${msg("Connect your calendar so that your busy times are never offered to customers, and your appointments appear in it.")}</p>` : this.renderPicker(viewer, staffId)}
      <div class="section">
        <h3>${own ? msg("Your connected calendars") : msg(str`Connected calendars of ${isolate(name)}`)}</h3>
        ${loaded.connections.length
          ? html`<ul class="rows">${loaded.connections.map((connection) => this.renderConnection(connection, own, name))}</ul>`
          : html`<p class="empty">${own ? msg("You have not connected a calendar yet.") : msg("No calendar is connected yet.")}</p>`}
      </div>
      <div class="section" part="connect">
        ${!loaded.providers.length ? this.renderNoProvider(viewer) : own ? this.renderConnect(loaded.providers) : this.renderSendLink(staffId, name)}
      </div>
      ${this.renderFeed(loaded, own, name)}`;
  }

  private renderPicker(viewer: Viewer, staffId: string): TemplateResult {
    return html`<div class="field picker" part="staff-picker">
      <label for="staff-choice">${msg("Staff member")}</label>
      <select id="staff-choice" part="input" .value=${live(staffId)} ?disabled=${this.busy} @change=${(event: Event) => ((this.notice = undefined), (this.staffId = (event.target as HTMLSelectElement).value))}>
        ${viewer.staff.map((record) => html`<option value=${record.id} ?selected=${record.id === staffId}>${record.id === viewer.ownStaffId ? msg(str`${record.name} (you)`) : record.name}</option>`)}
      </select>
    </div>`;
  }

  private renderNoProvider(viewer: Viewer): TemplateResult {
    return html`<h3>${msg("Connect a calendar")}</h3>
      <p class="hint">
        ${viewer.role === "staff"
          ? msg("No calendar provider is set up on this server yet, so there is nothing to connect. Ask an owner or the server's operator.")
          : msg("No calendar provider is set up on this server yet. Its operator must first set up the OAuth app in Google Cloud or Microsoft Entra (docs/calendar-sync.md, “Setting up the OAuth apps”).")}
      </p>`;
  }

  private renderConnect(providers: CalendarProviderName[]): TemplateResult {
    return html`<h3>${msg("Connect a calendar")}</h3>
      <p class="hint">${msg("You go to the provider to allow Frontdesk to read your busy times and write your appointments, then come back here.")}</p>
      <div class="actions">
        ${providers.map(
          (provider) => html`<button type="button" class="button primary" part="button button-primary" ?disabled=${this.busy} @click=${() => void this.connect(provider)}>
            ${provider === "google" ? msg("Connect Google Calendar") : msg("Connect Outlook calendar")}
          </button>`,
        )}
      </div>`;
  }

  private renderSendLink(staffId: string, name: string): TemplateResult {
    return html`<h3>${msg("Ask them to connect")}</h3>
      <p class="hint">${msg("Only the staff member can allow access to their own calendar. Send them a link by e-mail: it connects their calendar without signing in.")}</p>
      <div class="actions">
        <button type="button" class="button primary" part="button button-primary" ?disabled=${this.busy} @click=${() => this.sendLink(staffId, name)}>${msg(str`E-mail ${isolate(name)} a connect link`)}</button>
      </div>`;
  }

  /** The staff member's secret ICS feed: whether there is one, its link to copy, a new link, stopping it. */
  private renderFeed(loaded: Loaded, own: boolean, name: string): TemplateResult {
    const staffId = loaded.staffId!;
    const exists = loaded.feedExists;
    const url = exists && this.feedShown?.staffId === staffId ? this.feedShown.url : undefined;
    const view = { busy: this.busy, confirming: this.confirming, confirm: (what: string | undefined) => (this.confirming = what) };
    return html`<section class="section feed" part="feed" aria-labelledby="feed-heading">
      <div class="feed-title">
        <h3 id="feed-heading" tabindex="-1">${msg("Calendar feed")}</h3>
        <span class="badge ${exists ? "connected" : ""}" part="badge">${exists ? msg("Feed active") : msg("No feed yet")}</span>
      </div>
      <p class="hint" id="feed-hint">
        ${own
          ? msg("Subscribe to this link in Apple Calendar, Fastmail, Thunderbird or any calendar app that takes a URL, to see your appointments there.")
          : msg(str`A link that ${isolate(name)} can subscribe to in Apple Calendar, Fastmail, Thunderbird or any calendar app that takes a URL, to see their appointments there.`)}
        ${msg("Anyone with the link sees the appointments: share it with no one.")}
      </p>
      ${url
        ? html`<div class="field">
            <label for="feed-url">${msg("Feed link")}</label>
            <div class="feed-link">
              <input id="feed-url" part="input feed-url" type="text" readonly dir="ltr" .value=${live(url)} aria-describedby="feed-hint" @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
              <button type="button" class="button" part="button" @click=${() => void this.copyFeed(url)}>${msg("Copy")}</button>
            </div>
          </div>`
        : html`<div class="actions">
            <button type="button" class="button primary" part="button button-primary" ?disabled=${this.busy} @click=${() => this.showFeed(staffId, "get")}>
              ${exists ? msg("Show the feed link") : msg("Make a feed link")}
            </button>
          </div>`}
      ${exists
        ? html`<div class="actions">
            ${confirmable(
              view,
              `feed-rotate:${staffId}`,
              {
                button: msg("New link"),
                label: msg("New link for the calendar feed"),
                question: msg("Make a new link? The current one stops working at once: calendar apps subscribed to it stop updating until they subscribe to the new one."),
                yes: msg("Make a new link"),
              },
              () => this.showFeed(staffId, "rotate"),
            )}
            ${confirmable(
              view,
              `feed-revoke:${staffId}`,
              {
                button: msg("Stop the feed"),
                label: msg("Stop the feed"),
                question: msg("Stop the feed? Its link stops working at once, and calendar apps subscribed to it no longer get the appointments."),
                yes: msg("Stop the feed"),
              },
              () => this.revokeFeed(staffId),
            )}
          </div>`
        : nothing}
    </section>`;
  }

  private renderConnection(connection: CalendarConnectionView, own: boolean, name: string): TemplateResult {
    const provider = providerName(connection.provider);
    const broken = connection.status === "broken";
    return html`<li class="row connection" part="connection">
      <div class="who">
        <h4 class="name" id=${`connection-${connection.id}`} tabindex="-1"><bdi>${provider}</bdi> · <bdi>${connection.email}</bdi></h4>
        ${connection.accountName ? html`<span class="email"><bdi>${connection.accountName}</bdi></span>` : nothing}
        <span class="badge ${broken ? "broken" : "connected"}" part="badge">${broken ? msg("Not syncing") : msg("Connected")}</span>
      </div>
      ${broken ? this.renderReconnect(connection, own, name) : nothing}
      ${connection.calendars.length ? this.renderChoice(connection) : html`<p class="empty">${msg("No calendars were read from this account yet.")}</p>`}
      <div class="actions">
        ${broken ? nothing : html`<button type="button" class="button" part="button" ?disabled=${this.busy} @click=${() => this.readList(connection)}>${msg("Read the calendar list again")}</button>`}
        ${confirmable(
          { busy: this.busy, confirming: this.confirming, confirm: (what) => (this.confirming = what) },
          `disconnect:${connection.id}`,
          {
            button: msg("Disconnect"),
            label: msg(str`Disconnect ${connection.email}`),
            question: msg(str`Disconnect ${connection.email}? Its busy times stop blocking bookings, and new appointments are no longer written to it.`),
            yes: msg("Disconnect the calendar"),
          },
          () => this.disconnect(connection),
        )}
      </div>
    </li>`;
  }

  private renderReconnect(connection: CalendarConnectionView, own: boolean, name: string): TemplateResult {
    const provider = providerName(connection.provider);
    const since = connection.brokenAt ? this.when(connection.brokenAt) : undefined;
    return html`<div class="reconnect" part="reconnect" role="group" aria-labelledby=${`reconnect-${connection.id}`}>
      <p id=${`reconnect-${connection.id}`} class="warning">
        ${since ? msg(str`${provider} stopped accepting Frontdesk's access on ${since}.`) : msg(str`${provider} stopped accepting Frontdesk's access.`)}
        ${msg("Busy times are not read and appointments are not written until the calendar is connected again.")}
      </p>
      ${connection.brokenReason ? html`<p class="hint">${msg(str`Reason: ${isolate(connection.brokenReason)}`)}</p>` : nothing}
      <div class="actions">
        ${own
          ? html`<button type="button" class="button primary" part="button button-primary" ?disabled=${this.busy} @click=${() => void this.connect(connection.provider)}>${msg(str`Reconnect ${provider}`)}</button>`
          : html`<button type="button" class="button primary" part="button button-primary" ?disabled=${this.busy} @click=${() => this.sendLink(connection.staffId, name)}>${msg(str`E-mail ${isolate(name)} a link to reconnect`)}</button>`}
      </div>
    </div>`;
  }

  private renderChoice(connection: CalendarConnectionView): TemplateResult {
    const draft = this.draftOf(connection);
    const id = connection.id;
    const writable = connection.calendars.filter((calendar) => calendar.canWrite);
    const destination = draft.destination === undefined ? (connection.calendars.find((calendar) => calendar.isDestination)?.id ?? (this.destinationElsewhere(connection) ? undefined : null)) : draft.destination;
    const toggle = (calendar: ConnectedCalendarView, on: boolean) => this.edit(connection, { ...draft, busy: on ? [...draft.busy, calendar.id] : draft.busy.filter((chosen) => chosen !== calendar.id) });
    const pick = (value: string | null) => this.edit(connection, { ...draft, destination: value });
    return html`<form class="choice-form" part="form" novalidate @submit=${(event: Event) => this.save(event, connection)}>
      <fieldset part="fieldset">
        <legend>${msg("Count as busy")}</legend>
        <p class="hint" id=${`busy-hint-${id}`}>${msg("Times taken in these calendars are never offered to customers.")}</p>
        <ul class="calendars">
          ${connection.calendars.map(
            (calendar) => html`<li class="calendar" part="calendar">
              <label class="choice">
                <input type="checkbox" .checked=${live(draft.busy.includes(calendar.id))} aria-describedby=${`fresh-${calendar.id}`} @change=${(event: Event) => toggle(calendar, (event.target as HTMLInputElement).checked)} />
                <span><bdi>${calendar.name}</bdi>${calendar.primary ? html` <span class="hint">${msg("(main calendar)")}</span>` : nothing}</span>
              </label>
              <span class="freshness ${calendar.syncError ? "failed" : ""}" part="freshness" id=${`fresh-${calendar.id}`}>
                ${calendar.syncError ? msg(str`Could not read its busy times: ${isolate(calendar.syncError)}`) : calendar.countsBusy ? freshness(calendar.syncedAt, Date.now(), this.resolvedLocale) : msg("Not counted as busy")}
              </span>
            </li>`,
          )}
        </ul>
      </fieldset>
      <fieldset part="fieldset">
        <legend>${msg("Write appointments to")}</legend>
        ${writable.map(
          (calendar) => html`<label class="choice">
            <input type="radio" name=${`destination-${id}`} .checked=${live(destination === calendar.id)} @change=${() => pick(calendar.id)} />
            <span><bdi>${calendar.name}</bdi></span>
          </label>`,
        )}
        <label class="choice">
          <input type="radio" name=${`destination-${id}`} .checked=${live(destination === null)} @change=${() => pick(null)} />
          <span>${msg("No calendar")}</span>
        </label>
        ${destination === undefined ? html`<p class="hint">${msg("Appointments are written to a calendar of another connected account.")}</p>` : nothing}
      </fieldset>
      <div class="actions">
        <button type="submit" class="button primary" part="button button-primary" ?disabled=${this.busy}>${msg("Save the calendars")}</button>
      </div>
    </form>`;
  }

  /** Whether another of the staff member's connections holds the destination. */
  private destinationElsewhere(connection: CalendarConnectionView): boolean {
    return Boolean(this.loaded?.connections.some((other) => other.id !== connection.id && other.calendars.some((calendar) => calendar.isDestination)));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-calendar-connections": FdCalendarConnections;
  }
}
