import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import { FrontdeskClientError } from "@frontdesk/client";
// The vocabulary alone: the schemas (and zod) stay on the server.
import { memberRoles, type MemberRole } from "@frontdesk/core/vocabulary";
import { base, errorState, isolate, tokens, widgetStyles } from "@frontdesk/ui";
import { errorMessage, FdBackOfficeWidget, fieldError, roleLabel } from "../back-office/back-office-widget";
import { backOfficeStyles } from "../back-office/back-office.styles";
import { teamStyles } from "./team.styles";

/** `detail` of the `fd-team-member-invited` event. */
export interface TeamMemberInvitedDetail {
  invitationId: string;
  email: string;
  role: MemberRole;
}

/** `detail` of the `fd-team-member-updated` event. */
export interface TeamMemberUpdatedDetail {
  memberId: string;
  role: MemberRole;
  /** The linked staff record, or null. */
  staffId: string | null;
}

/** `detail` of the `fd-team-member-removed` event. */
export interface TeamMemberRemovedDetail {
  memberId: string;
}

interface Member {
  id: string;
  name: string;
  email: string;
  role: MemberRole;
  staffId: string | null;
}
interface Invitation {
  id: string;
  email: string;
  role: MemberRole;
  expiresAt: string;
}
interface Team {
  businessName: string;
  members: Member[];
  invitations: Invitation[];
  staff: { id: string; name: string }[];
}

/** The languages invitation mails are written in. */
const mailLanguages = [
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
] as const;

/**
 * @summary The business's team for its owners and admins: members with their role and staff record, pending invitations, and a form to invite someone by e-mail.
 *
 * @csspart base - The outer frame.
 * @csspart header - The business's name.
 * @csspart step - The heading and the three sections.
 * @csspart section - Each section: members, invitations, the invitation form.
 * @csspart member - One member.
 * @csspart invitation - One pending invitation.
 * @csspart form - The invitation form.
 * @csspart input - Every text field and select.
 * @csspart button - Every secondary button (Remove, Revoke, Keep, Try again).
 * @csspart button-primary - Send invitation.
 * @csspart button-danger - The button that confirms a removal.
 * @csspart notice - What a change did.
 * @csspart error - An error message.
 *
 * @cssprop [--fd-color-primary=#2856c7] - Accent for the main button.
 * @cssprop [--fd-color-primary-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--fd-color-text=#1b2231] - Body text.
 * @cssprop [--fd-color-muted=#596275] - Secondary text.
 * @cssprop [--fd-color-surface=#ffffff] - Background.
 * @cssprop [--fd-color-border=#d6dae3] - Borders and dividers.
 * @cssprop [--fd-color-danger=#b42318] - Errors and the removal button.
 * @cssprop [--fd-color-success=#067647] - Success messages.
 * @cssprop [--fd-radius=8px] - Corner radius of the frame, buttons and inputs.
 * @cssprop --fd-font-family - Font stack (default: the system UI font).
 * @cssprop [--fd-font-size=16px] - Base font size.
 * @cssprop [--fd-space=8px] - Spacing unit.
 * @cssprop --fd-focus-ring - `outline` of a focused control (default `2px solid` the primary colour).
 *
 * @event {CustomEvent<TeamMemberInvitedDetail>} fd-team-member-invited - An invitation was sent. `detail: { invitationId, email, role }`.
 * @event {CustomEvent<TeamMemberUpdatedDetail>} fd-team-member-updated - A member's role or staff record changed. `detail: { memberId, role, staffId }`.
 * @event {CustomEvent<TeamMemberRemovedDetail>} fd-team-member-removed - A member was removed from the business. `detail: { memberId }`.
 */
export class FdTeam extends FdBackOfficeWidget {
  static override styles = [tokens, base, widgetStyles, backOfficeStyles, teamStyles];

  static override properties = {
    ...FdBackOfficeWidget.properties,
    team: { state: true },
    notice: { state: true },
    removing: { state: true },
    busy: { state: true },
    invite: { state: true },
    inviteError: { state: true },
  };

  private declare team: Team | undefined;
  /** What the last change did, or why it failed. */
  private declare notice: { kind: "success" | "error"; text: string } | undefined;
  /** The member whose removal waits for a confirmation. */
  private declare removing: string | undefined;
  private declare busy: boolean;
  private declare invite: { email: string; role: MemberRole; staffId: string; locale: string };
  private declare inviteError: { field: string | undefined; text: string } | undefined;

  private readonly teamTask = new Task(this, {
    task: async () => {
      await this.mayCall("team:read");
      const [members, invitations, config] = await this.call((api) => Promise.all([api.team.members.query(), api.team.invitations.query(), api.config.get.query()]));
      return { businessName: config.business.name, members, invitations, staff: config.staff.filter((record) => record.active).map(({ id, name }) => ({ id, name })) };
    },
    args: () => [this.api],
    onComplete: (team) => (this.team = team),
  });

  constructor() {
    super();
    this.team = undefined;
    this.notice = undefined;
    this.removing = undefined;
    this.busy = false;
    this.invite = { email: "", role: "staff", staffId: "", locale: "" };
    this.inviteError = undefined;
  }

  /** Reads the team and the staff records again, for a page where something else changed them. */
  async refresh(): Promise<void> {
    await this.teamTask.run();
  }

  /** Runs one change, then shows the team as the server has it now; a refusal is shown and nothing else changes. */
  private async change(work: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    try {
      this.notice = { kind: "success", text: await work() };
    } catch (error) {
      this.notice = { kind: "error", text: errorMessage(error) };
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }

  private memberUpdated(updated: Member): void {
    const detail: TeamMemberUpdatedDetail = { memberId: updated.id, role: updated.role, staffId: updated.staffId };
    this.dispatchEvent(new CustomEvent("fd-team-member-updated", { bubbles: true, composed: true, detail }));
  }

  private changeRole(member: Member, role: MemberRole): void {
    void this.change(async () => {
      const updated = await this.call((api) => api.team.updateMember.mutate({ memberId: member.id, role }));
      this.memberUpdated(updated);
      return msg(str`${isolate(member.name)} is now: ${roleLabel(updated.role)}.`);
    });
  }

  private changeStaffRecord(member: Member, staffId: string): void {
    void this.change(async () => {
      const updated = await this.call((api) => api.team.updateMember.mutate({ memberId: member.id, staffId: staffId || null }));
      this.memberUpdated(updated);
      return msg(str`The staff record of ${isolate(member.name)} was changed.`);
    });
  }

  private removeMember(member: Member): void {
    this.removing = undefined;
    void this.change(async () => {
      await this.call((api) => api.team.removeMember.mutate({ memberId: member.id }));
      const detail: TeamMemberRemovedDetail = { memberId: member.id };
      this.dispatchEvent(new CustomEvent("fd-team-member-removed", { bubbles: true, composed: true, detail }));
      return msg(str`${isolate(member.name)} was removed from the team.`);
    });
  }

  private revoke(invitation: Invitation): void {
    void this.change(async () => {
      await this.call((api) => api.team.revokeInvitation.mutate({ invitationId: invitation.id }));
      return msg(str`The invitation to ${isolate(invitation.email)} was revoked.`);
    });
  }

  private async sendInvitation(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const { email, role, staffId, locale } = this.invite;
    if (!email.trim()) {
      this.inviteError = { field: "email", text: msg("Enter the e-mail address to invite.") };
      this.focusAfterRender = "invite-email";
      return;
    }
    this.busy = true;
    this.inviteError = undefined;
    this.notice = undefined;
    try {
      const mailLocale = locale || this.mailLanguageDefault;
      const sent = await this.call((api) => api.team.invite.mutate({ email: email.trim(), role, staffId: staffId || null, locale: mailLocale }));
      const detail: TeamMemberInvitedDetail = { invitationId: sent.id, email: sent.email, role: sent.role };
      this.dispatchEvent(new CustomEvent("fd-team-member-invited", { bubbles: true, composed: true, detail }));
      this.invite = { email: "", role: "staff", staffId: "", locale };
      this.notice = { kind: "success", text: msg(str`An invitation was sent to ${isolate(sent.email)}.`) };
    } catch (error) {
      this.inviteError = { field: error instanceof FrontdeskClientError ? error.field : undefined, text: errorMessage(error) };
      this.focusAfterRender = this.inviteError.field === "email" ? "invite-email" : undefined;
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  /** The widget's own language when mails are written in it, else English. */
  private get mailLanguageDefault(): string {
    const language = this.rootLang.split("-")[0]!;
    return mailLanguages.some((choice) => choice.code === language) ? language : "en";
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  override render() {
    return this.renderDeskPage({
      header: this.team ? html`<span class="business"><bdi>${this.team.businessName}</bdi></span>` : undefined,
      title: msg("Team"),
      notice: this.notice,
      loaded: this.team,
      content: (team) => this.renderTeam(team),
      task: this.teamTask,
      loading: msg("Loading the team…"),
      refusal: msg("Only owners and admins manage the team. Ask one of them if something about your access should change."),
      errorMessage: errorMessage,
      retry: () => void this.refresh(),
    });
  }


  private renderTeam(team: Team): TemplateResult {
    return html`
      <section class="section" part="section" aria-labelledby="members-heading">
        <h3 id="members-heading">${msg("Members")}</h3>
        <ul class="rows">
          ${team.members.map((member) => this.renderMember(member, team))}
        </ul>
      </section>
      <section class="section" part="section" aria-labelledby="invitations-heading">
        <h3 id="invitations-heading">${msg("Pending invitations")}</h3>
        ${team.invitations.length
          ? html`<ul class="rows">
              ${team.invitations.map((invitation) => this.renderInvitation(invitation))}
            </ul>`
          : html`<p class="empty">${msg("No invitations are waiting for an answer.")}</p>`}
      </section>
      <section class="section" part="section" aria-labelledby="invite-heading">
        <h3 id="invite-heading">${msg("Invite someone")}</h3>
        ${this.renderInviteForm(team)}
      </section>
    `;
  }

  private renderMember(member: Member, team: Team): TemplateResult {
    const roleId = `role-${member.id}`;
    const staffId = `staff-${member.id}`;
    return html`<li class="row" part="member">
      <div class="who">
        <span class="name"><bdi>${member.name}</bdi></span>
        <span class="email"><bdi>${member.email}</bdi></span>
      </div>
      <div class="controls">
        <div class="field">
          <label for=${roleId}>${msg("Role")}</label>
          <select id=${roleId} part="input" .value=${live(member.role)} ?disabled=${this.busy} @change=${(event: Event) => this.changeRole(member, (event.target as HTMLSelectElement).value as MemberRole)}>
            ${memberRoles.map((role) => html`<option value=${role} ?selected=${role === member.role}>${roleLabel(role)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for=${staffId}>${msg("Staff record")}</label>
          <select id=${staffId} part="input" .value=${live(member.staffId ?? "")} ?disabled=${this.busy} @change=${(event: Event) => this.changeStaffRecord(member, (event.target as HTMLSelectElement).value)}>
            ${this.staffOptions(team, member.staffId ?? "")}
          </select>
        </div>
      </div>
      ${this.removing === member.id
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-${member.id}">
            <p id="confirm-${member.id}">${msg(str`Remove ${isolate(member.name)} from the business? They lose access at once.`)}</p>
            <div class="actions">
              <button type="button" class="button danger" part="button button-danger" @click=${() => this.removeMember(member)}>${msg("Remove")}</button>
              <button type="button" class="button" part="button" @click=${() => (this.removing = undefined)}>${msg("Keep")}</button>
            </div>
          </div>`
        : html`<button type="button" class="button remove" part="button" aria-label=${msg(str`Remove ${member.name}`)} ?disabled=${this.busy} @click=${() => (this.removing = member.id)}>
            ${msg("Remove")}
          </button>`}
    </li>`;
  }

  private staffOptions(team: Team, chosen: string): TemplateResult[] {
    return [
      html`<option value="" ?selected=${chosen === ""}>${msg("None")}</option>`,
      ...team.staff.map((record) => html`<option value=${record.id} ?selected=${record.id === chosen}>${record.name}</option>`),
    ];
  }

  private renderInvitation(invitation: Invitation): TemplateResult {
    const expires = new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: "medium" }).format(new Date(invitation.expiresAt));
    return html`<li class="row" part="invitation">
      <div class="who">
        <span class="name"><bdi>${invitation.email}</bdi></span>
        <span class="email">${roleLabel(invitation.role)} · ${msg(str`expires ${expires}`)}</span>
      </div>
      <button type="button" class="button" part="button" aria-label=${msg(str`Revoke the invitation to ${invitation.email}`)} ?disabled=${this.busy} @click=${() => this.revoke(invitation)}>
        ${msg("Revoke")}
      </button>
    </li>`;
  }

  private renderInviteForm(team: Team): TemplateResult {
    const invite = this.invite;
    const error = this.inviteError;
    const emailError = error?.field === "email" ? error.text : undefined;
    const set = (patch: Partial<typeof invite>) => (this.invite = { ...this.invite, ...patch });
    return html`<form part="form" novalidate @submit=${(event: Event) => void this.sendInvitation(event)}>
      <div class="field">
        <label for="invite-email">${msg("E-mail address")}</label>
        <input id="invite-email" part="input" type="email" autocomplete="off" .value=${live(invite.email)} aria-invalid=${emailError ? "true" : "false"}
          aria-describedby=${emailError ? "invite-email-error" : nothing} @input=${(event: Event) => set({ email: (event.target as HTMLInputElement).value })} />
        ${fieldError("invite-email-error", emailError)}
      </div>
      <div class="field">
        <label for="invite-role">${msg("Role")}</label>
        <select id="invite-role" part="input" .value=${live(invite.role)} @change=${(event: Event) => set({ role: (event.target as HTMLSelectElement).value as MemberRole })}>
          ${memberRoles.map((role) => html`<option value=${role} ?selected=${role === invite.role}>${roleLabel(role)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="invite-staff">${msg("Staff record (optional)")}</label>
        <select id="invite-staff" part="input" .value=${live(invite.staffId)} @change=${(event: Event) => set({ staffId: (event.target as HTMLSelectElement).value })}>
          ${this.staffOptions(team, invite.staffId)}
        </select>
      </div>
      <div class="field">
        <label for="invite-locale">${msg("Language of the invitation mail")}</label>
        <select id="invite-locale" part="input" .value=${live(invite.locale || this.mailLanguageDefault)} @change=${(event: Event) => set({ locale: (event.target as HTMLSelectElement).value })}>
          ${mailLanguages.map((language) => html`<option value=${language.code} lang=${language.code}>${language.name}</option>`)}
        </select>
      </div>
      ${error && !emailError ? errorState(error.text) : nothing}
      <button type="submit" class="button primary" part="button button-primary" aria-disabled=${this.busy ? "true" : nothing}>${msg("Send invitation")}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "fd-team": FdTeam;
  }
}
