import { html, nothing, type TemplateResult } from "lit";
import type { Task } from "@lit/task";
import { msg } from "@lit/localize";
import { createFrontdeskMemberClient, FrontdeskClientError, toClientError, type CurrentEmbedSession, type FrontdeskMemberClient } from "@frontdesk/client";
import { memberScopes, type ApiScope, type MemberRole } from "@frontdesk/core/vocabulary";
import { apiBaseFor, commonErrorTexts, errorState, errorText, FdWidget, loadingState, type ErrorTexts } from "@frontdesk/ui";

/** What the back office's texts say for a refused or failed call, in the widget's language. */
function validationText(error: FrontdeskClientError): string {
  switch (error.field) {
    case "email":
      return msg("Enter an e-mail address like name@example.com.");
    case "name":
      return msg("Enter a name of at most 120 characters.");
    case "durationMin":
      return msg("Enter a duration of at least 5 minutes.");
    case "priceCents":
      return msg("Enter a price of 0 or more, or leave it empty.");
    case "currency":
      return msg("Use a three-letter currency code such as USD.");
    default:
      if (error.field?.startsWith("allowedOrigins")) return msg("Use origins like https://clinic.example (no path), one per line, or *.");
      return error.field?.startsWith("hours") ? msg("Check the opening hours: each day's end must be after its start.") : msg("Something you entered is not valid. Check it and try again.");
  }
}

export const backOfficeErrorTexts: ErrorTexts = {
  ...commonErrorTexts,
  VALIDATION_FAILED: validationText,
  NOT_SIGNED_IN: () => msg("You are not signed in, or your session has ended. Sign in again."),
  NOT_A_MEMBER: () => msg("You are not a member of this business. Ask its owner for an invitation."),
  BUSINESS_NOT_CHOSEN: () => msg("You belong to several businesses: choose the one to manage first."),
  ROLE_NOT_ALLOWED: () => msg("Your role does not allow this. Only an owner can make, change or remove an owner; ask an owner or admin."),
  LAST_OWNER: () => msg("A business needs at least one owner. Make someone else an owner first."),
  CROSS_SITE_REQUEST: () => msg("This page may not act on your account: open the back office on the Frontdesk server itself."),
  ACCOUNT_SUSPENDED: () => msg("Your account is suspended on this server."),
  BUSINESS_SUSPENDED: () => msg("This business is suspended on this server. Contact the server's operator."),
  UNKNOWN_STAFF: () => msg("That staff record does not exist any more. Choose another."),
  INVALID_INVITATION: () => msg("That invitation is no longer open."),
  NOT_FOUND: () => msg("That member is no longer part of the business."),
  NETWORK: () => msg("Could not reach the Frontdesk server. Check your connection and try again."),
};

export const errorMessage = (error: unknown): string => errorText(error, backOfficeErrorTexts);

/** A failure worth trying again as it is: the connection or the server, not the request. */
export const retryable = (error: unknown): boolean => error instanceof FrontdeskClientError && (error.code === "NETWORK" || error.code === "INTERNAL");

export const codeOf = (error: unknown): string | undefined => (error instanceof FrontdeskClientError ? error.code : undefined);

export function roleLabel(role: MemberRole): string {
  switch (role) {
    case "owner":
      return msg("Owner");
    case "admin":
      return msg("Admin");
    case "staff":
      return msg("Staff member");
  }
}

/** What the last action did, shown above the content (success) or as the page's state (error). */
export type DeskNotice = { kind: "success" | "error"; text: string };

/** A back-office page: what it loads with `task`, how to draw it, and its texts. */
export interface DeskPage<T> {
  title: string;
  header?: unknown;
  notice: DeskNotice | undefined;
  /** What `task` loaded (and later actions kept up to date); undefined until it has. */
  loaded: T | undefined;
  content: (loaded: T) => unknown;
  task: Task<readonly unknown[], unknown>;
  loading: string;
  /** Said to a person whose role (or a session whose scopes) may not use the page. */
  refusal: string;
  errorMessage: (error: unknown) => string;
  retry: () => void;
}

export const fieldError = (id: string, text: string | undefined): TemplateResult | string =>
  text ? html`<p class="field-error" id=${id} part="error">${text}</p>` : "";

/**
 * What the back-office widgets share: the calls go to the server with the session cookie of the person signed in
 * (so the page is one of the server's own), for the business the `business` attribute names; inside an
 * `<fd-provider>` with an embed session (a SaaS vendor's page), with that session instead.
 */
export abstract class FdBackOfficeWidget extends FdWidget {
  static override properties = { ...FdWidget.properties, business: {} };

  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  declare business: string | undefined;

  private cachedApi: { key: string; api: FrontdeskMemberClient } | undefined;

  constructor() {
    super();
    this.business = undefined;
  }

  /** The typed API: the provider's embed session, else the session cookie's, made again only when the server or the business changes. */
  protected get api(): FrontdeskMemberClient {
    const session = this.provided?.session;
    if (session && !this.apiBase) return session.api;
    const baseUrl = apiBaseFor(this.apiBase || this.provided?.apiBase);
    const key = `${baseUrl} ${this.business ?? ""}`;
    if (this.cachedApi?.key !== key) this.cachedApi = { key, api: createFrontdeskMemberClient({ baseUrl, ...(this.business ? { business: this.business } : {}) }) };
    return this.cachedApi.api;
  }

  /** What the caller may do, and so may hand on to a key: the embed session's scopes, else those of the person's role in the business. */
  protected async ownScopes(): Promise<readonly ApiScope[]> {
    return (await this.knownScopes()) ?? [];
  }

  /**
   * Refuses here what the caller's scopes cannot do, rather than make a call the server would refuse and audit as
   * denied: a staff member opening the team's or the keys' tools is no attempt to get past their role.
   */
  protected async mayCall(scope: ApiScope): Promise<void> {
    const scopes = await this.knownScopes();
    if (!scopes || scopes.includes(scope)) return;
    const code = this.usesSession ? "MISSING_SCOPE" : "ROLE_NOT_ALLOWED";
    throw new FrontdeskClientError(code, `The ${this.usesSession ? "session" : "person's role"} lacks the ${scope} scope.`, this.usesSession ? "session" : "role", 403);
  }

  /** The embed session the calls go with, as the server has it (role, staffId, scopes); undefined with the session cookie. */
  protected async embedSession(): Promise<CurrentEmbedSession | undefined> {
    return this.usesSession ? this.provided!.session!.current() : undefined;
  }

  private get usesSession(): boolean {
    return Boolean(this.provided?.session && !this.apiBase);
  }

  /** The session's scopes, or the person's role's in the business; undefined while the business is not known yet. */
  private async knownScopes(): Promise<readonly ApiScope[] | undefined> {
    if (this.usesSession) return (await this.provided!.session!.current()).scopes as ApiScope[];
    const me = await this.api.accounts.me.query();
    const membership = me.businesses.find((business) => business.id === this.business) ?? (me.businesses.length === 1 ? me.businesses[0] : undefined);
    return membership ? memberScopes[membership.role] : me.businesses.length > 1 ? undefined : [];
  }

  /**
   * The page as the back-office widgets draw it: the title, what the last action did, the content once loaded, and
   * until then the loading, refusal or error state (with a retry when trying again can help).
   */
  protected renderDeskPage<T>(page: DeskPage<T>): TemplateResult {
    const { notice, loaded } = page;
    let status: unknown = nothing;
    if (notice?.kind === "error") status = errorState(notice.text);
    else if (loaded === undefined) {
      status = page.task.render({
        pending: () => loadingState(page.loading),
        error: (error) =>
          codeOf(error) === "ROLE_NOT_ALLOWED" || codeOf(error) === "MISSING_SCOPE"
            ? html`<p class="state refusal" part="notice">${page.refusal}</p>`
            : errorState(page.errorMessage(error), retryable(error) ? page.retry : undefined),
      });
    }
    return html`<div class="fd-root" lang=${this.rootLang} dir=${this.rootDir}>
      ${this.renderFrame({
        header: page.header,
        title: page.title,
        announcement: notice?.kind === "success" ? html`<p class="state success" part="notice">${notice.text}</p>` : nothing,
        content: loaded === undefined ? nothing : page.content(loaded),
        status,
      })}
    </div>`;
  }

  /** One call, its failure as a `FrontdeskClientError`. */
  protected async call<T>(work: (api: FrontdeskMemberClient) => Promise<T>): Promise<T> {
    try {
      return await work(this.api);
    } catch (error) {
      throw toClientError(error);
    }
  }

}
