import { html, nothing } from "lit";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import { FrontdeskClientError } from "@frontdesk/client";
import type { AvailableNumber, PhoneNumberRecord } from "@frontdesk/core";
import { base, tokens, widgetStyles } from "@frontdesk/ui";
import { FdBackOfficeWidget } from "@frontdesk/widget-team/back-office";
import { backOfficeStyles } from "@frontdesk/widget-team/back-office.styles";
import { inZone, phoneErrorMessage } from "../phone-texts";
import { phoneStyles } from "../phone.styles";
import { numbersSection, type AgentChoice, type PendingRelease } from "./phone-numbers.rows";
import { addNumberSection, type Problem, type SearchDraft } from "./phone-numbers.search";
import { phoneNumbersStyles } from "./phone-numbers.styles";

/** `detail` of `fd-number-added`, `fd-number-updated` and `fd-number-released`. */
export interface NumberChangedDetail {
  numberId: string;
  /** The number in E.164, e.g. +14155550100. */
  phoneNumber: string;
  status: PhoneNumberRecord["status"];
  agentId: string | null;
  afterHoursAgentId: string | null;
}

interface Line {
  numbers: PhoneNumberRecord[];
  agents: AgentChoice[];
  timeZone: string;
}

const detailOf = (number: PhoneNumberRecord): NumberChangedDetail => ({
  numberId: number.id,
  phoneNumber: number.e164,
  status: number.status,
  agentId: number.agentId,
  afterHoursAgentId: number.afterHoursAgentId,
});

/** The three events share their detail; made outside the class, whose JSDoc documents them by name. */
const numberEvent = (type: string, number: PhoneNumberRecord) => new CustomEvent<NumberChangedDetail>(type, { bubbles: true, composed: true, detail: detailOf(number) });

/**
 * @summary The business's phone numbers for its owners and admins: status, name and the agents that answer; search and buy a number, bind its agents, activate it, release it.
 *
 * @csspart base - The outer frame.
 * @csspart step - The heading and the sections.
 * @csspart section - Each section: the numbers, adding a number.
 * @csspart number - One phone number.
 * @csspart badge - A number's status: inactive, active, suspended, porting.
 * @csspart form - The search form, the purchase form, each number's name form.
 * @csspart fieldset - The numbers found.
 * @csspart input - Every text field and select.
 * @csspart button - Every secondary button.
 * @csspart button-primary - Buy and Activate.
 * @csspart button-danger - The button that confirms a release.
 * @csspart notice - What a change did, and the polite refusal for staff members.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main buttons.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors, suspended numbers and the release button.
 * @cssprop [--fd-color-success=#067647] - Success messages and active numbers.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<NumberChangedDetail>} fd-number-added - A number was bought. `detail: { numberId, phoneNumber, status, agentId, afterHoursAgentId }`.
 * @event {CustomEvent<NumberChangedDetail>} fd-number-updated - A number's name, agents or status changed. Same `detail`.
 * @event {CustomEvent<NumberChangedDetail>} fd-number-released - A number was released for good. Same `detail`.
 */
export class FdPhoneNumbers extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, backOfficeStyles, phoneStyles, phoneNumbersStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    line: { state: true },
    notice: { state: true },
    busy: { state: true },
    draft: { state: true },
    results: { state: true },
    chosen: { state: true },
    nickname: { state: true },
    problems: { state: true },
    releasing: { state: true },
    names: { state: true },
  };

  private declare line: Line | undefined;
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  private declare busy: boolean;
  private declare draft: SearchDraft;
  private declare results: AvailableNumber[] | undefined;
  private declare chosen: string | undefined;
  private declare nickname: string;
  private declare problems: { search?: Problem; buy?: Problem };
  private declare releasing: PendingRelease | undefined;
  /** Names being typed, by number, until saved. */
  private declare names: Map<string, string>;

  private readonly lineTask = new Task(this, {
    task: async () => {
      await this.mayCall("numbers:read");
      const [numbers, agents, config] = await this.call((api) => Promise.all([api.numbers.list.query({}), api.agents.list.query(), api.config.get.query()]));
      return { numbers, agents: agents.map((agent) => ({ id: agent.id, name: agent.name, published: agent.publishedVersionId !== null })), timeZone: config.business.timeZone };
    },
    args: () => [this.api],
    onComplete: (line) => (this.line = line),
  });

  constructor() {
    super();
    this.line = undefined;
    this.notice = undefined;
    this.busy = false;
    this.draft = { country: "US", type: "local", areaCode: "", contains: "" };
    this.results = undefined;
    this.chosen = undefined;
    this.nickname = "";
    this.problems = {};
    this.releasing = undefined;
    this.names = new Map();
  }

  /** Reads the numbers and agents again, for a page where something else changed them. */
  async refresh(): Promise<void> {
    await this.lineTask.run();
  }

  /** Runs one change, then shows the numbers as the server has them now; a refusal is shown and nothing else changes. */
  private async change(work: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    try {
      this.notice = { kind: "success", text: await work() };
    } catch (error) {
      this.notice = { kind: "error", text: phoneErrorMessage(error) };
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }

  private announce(event: "fd-number-added" | "fd-number-updated" | "fd-number-released", number: PhoneNumberRecord): void {
    this.dispatchEvent(numberEvent(event, number));
  }

  /** A form's refusal is kept for the form, and its field takes the focus. */
  private refusal(error: unknown, focusFor: Record<string, string>): Problem {
    const field = error instanceof FrontdeskClientError ? error.field : undefined;
    this.focusAfterRender = field ? focusFor[field] : undefined;
    return { field, text: phoneErrorMessage(error) };
  }

  private async search(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.problems = {};
    this.notice = undefined;
    const { country, type, areaCode, contains } = this.draft;
    try {
      this.results = await this.call((api) =>
        api.numbers.search.query({ country: country.trim(), type, limit: 10, ...(areaCode.trim() ? { areaCode: areaCode.trim() } : {}), ...(contains.trim() ? { contains: contains.trim() } : {}) }),
      );
      this.chosen = undefined;
      this.notice = { kind: "success", text: msg(str`${this.results.length} numbers found.`) };
    } catch (error) {
      this.results = undefined;
      this.problems = { search: this.refusal(error, { country: "search-country", areaCode: "search-areaCode", contains: "search-contains" }) };
    } finally {
      this.busy = false;
    }
  }

  private async buy(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    if (!this.chosen) {
      this.problems = { buy: { field: "phoneNumber", text: msg("Choose one of the numbers first.") } };
      return;
    }
    this.busy = true;
    this.problems = {};
    this.notice = undefined;
    const phoneNumber = this.chosen;
    let focus: string | undefined;
    try {
      const bought = await this.call((api) => api.numbers.buy.mutate({ phoneNumber, ...(this.nickname.trim() ? { nickname: this.nickname.trim() } : {}) }));
      this.results = undefined;
      this.chosen = undefined;
      this.nickname = "";
      this.announce("fd-number-added", bought);
      this.notice = { kind: "success", text: msg(str`${bought.display} is yours. Bind an agent to it, then activate it.`) };
      focus = `agent-${bought.id}`;
    } catch (error) {
      this.problems = { buy: this.refusal(error, { nickname: "buy-nickname" }) };
    } finally {
      this.busy = false;
    }
    await this.refresh();
    // The new number's row is there only now.
    if (focus) {
      this.focusAfterRender = focus;
      this.requestUpdate();
    }
  }

  private changeNumber(number: PhoneNumberRecord, patch: { nickname?: string; agentId?: string | null; afterHoursAgentId?: string | null; status?: "active" | "inactive" }, said: (updated: PhoneNumberRecord) => string): void {
    void this.change(async () => {
      const updated = await this.call((api) => api.numbers.update.mutate({ numberId: number.id, ...patch }));
      this.announce("fd-number-updated", updated);
      return said(updated);
    });
  }

  private saveName(number: PhoneNumberRecord, event: Event): void {
    event.preventDefault();
    const nickname = (this.names.get(number.id) ?? number.nickname).trim();
    this.changeNumber(number, { nickname }, (updated) => {
      this.names.delete(number.id);
      return msg(str`${updated.display} is now called ${updated.nickname || updated.display}.`);
    });
  }

  private agentName(agentId: string | null): string {
    return this.line?.agents.find((agent) => agent.id === agentId)?.name ?? "";
  }

  private bind(number: PhoneNumberRecord, which: "agentId" | "afterHoursAgentId", agentId: string | null): void {
    this.changeNumber(number, { [which]: agentId }, (updated) => {
      if (which === "agentId") return agentId ? msg(str`${this.agentName(agentId)} answers ${updated.display}.`) : msg(str`No agent answers ${updated.display} now.`);
      return agentId ? msg(str`${this.agentName(agentId)} answers ${updated.display} after hours.`) : msg(str`The same agent answers ${updated.display} at all hours.`);
    });
  }

  private setActive(number: PhoneNumberRecord, active: boolean): void {
    this.changeNumber(number, { status: active ? "active" : "inactive" }, (updated) =>
      active ? msg(str`${updated.display} is active: calls to it are answered.`) : msg(str`${updated.display} is inactive: calls to it are not answered.`),
    );
  }

  private startRelease(number: PhoneNumberRecord): void {
    void this.change(async () => {
      const { confirmation } = await this.call((api) => api.numbers.releaseToken.mutate({ numberId: number.id }));
      this.releasing = { numberId: number.id, confirmation };
      this.focusAfterRender = "release-confirm";
      return msg(str`Confirm the release of ${number.display}.`);
    });
  }

  private release(number: PhoneNumberRecord, confirmation: string): void {
    this.releasing = undefined;
    void this.change(async () => {
      const released = await this.call((api) => api.numbers.release.mutate({ numberId: number.id, confirmation }));
      this.announce("fd-number-released", released);
      this.focusAfterRender = "step-heading";
      return msg(str`${released.display} was released.`);
    });
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    return this.renderDeskPage({
      title: msg("Phone numbers"),
      notice: this.notice,
      loaded: this.line,
      content: (line) => this.renderLine(line),
      task: this.lineTask,
      loading: msg("Loading the phone numbers…"),
      refusal: msg("Only owners and admins manage the phone numbers. Ask one of them if a number should change."),
      errorMessage: phoneErrorMessage,
      retry: () => void this.refresh(),
    });
  }


  private renderLine(line: Line) {
    return html`${numbersSection({
      numbers: line.numbers,
      agents: line.agents,
      busy: this.busy,
      releasing: this.releasing,
      names: this.names,
      when: (instant) => inZone(instant, this.resolvedLocale, line.timeZone),
      editName: (number, nickname) => (this.names = new Map(this.names).set(number.id, nickname)),
      saveName: (number, event) => this.saveName(number, event),
      bind: (number, which, agentId) => this.bind(number, which, agentId),
      setActive: (number, active) => this.setActive(number, active),
      startRelease: (number) => this.startRelease(number),
      release: (number, confirmation) => this.release(number, confirmation),
      keep: () => ((this.releasing = undefined), (this.focusAfterRender = "step-heading")),
    })}
    ${addNumberSection({
      draft: this.draft,
      results: this.results,
      chosen: this.chosen,
      nickname: this.nickname,
      busy: this.busy,
      searchProblem: this.problems.search,
      buyProblem: this.problems.buy,
      edit: (draft) => (this.draft = draft),
      search: (event) => void this.search(event),
      choose: (phoneNumber) => (this.chosen = phoneNumber),
      name: (nickname) => (this.nickname = nickname),
      buy: (event) => void this.buy(event),
    })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-phone-numbers": FdPhoneNumbers;
  }
}
