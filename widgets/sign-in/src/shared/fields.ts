import { html, nothing, type TemplateResult } from "lit";
import type { AccountsClient } from "@frontdesk/client";
import { createAccountsClient } from "@frontdesk/client";
import { apiBaseFor, errorState } from "@frontdesk/ui";
import { accountErrorText } from "./account-texts";

export interface FieldOptions {
  /** The input's id; its error is `<id>-error`. */
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  required?: boolean;
  onInput: (value: string) => void;
}

/** One labelled input with its hint and its error tied to it, as every form of these widgets draws one. */
export function field(options: FieldOptions): TemplateResult {
  const { id, label, value, error, hint, type = "text", autocomplete, inputmode, required = true, onInput } = options;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    <input
      id=${id}
      part="input"
      name=${id}
      type=${type}
      autocomplete=${autocomplete ?? nothing}
      inputmode=${inputmode ?? nothing}
      ?required=${required}
      aria-invalid=${error ? "true" : "false"}
      aria-describedby=${describedBy || nothing}
      .value=${value}
      @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
    />
    ${error ? html`<p class="field-error" id="${id}-error" part="field-error">${error}</p>` : nothing}
  </div>`;
}

/** The submit button of a form: says it is busy while its request runs, and ignores presses meanwhile. */
export function submitButton(label: string, busyLabel: string, busy: boolean, primary = true): TemplateResult {
  return html`<button type="submit" class="button ${primary ? "primary" : ""}" part=${primary ? "button button-primary" : "button"} aria-disabled=${busy ? "true" : nothing}>
    ${busy ? html`<span class="spinner" aria-hidden="true"></span>${busyLabel}` : label}
  </button>`;
}

/** Errors of one form: by the field they are about, or for the form as a whole (`form`). */
export type FormErrors = Record<string, string | undefined>;

/** Where a server error goes: at the field it names when the form has that field, else above the form's buttons. */
export function errorsFrom(error: unknown, fields: readonly string[]): FormErrors {
  const text = accountErrorText(error);
  const named = (error as { field?: string }).field;
  return named && fields.includes(named) ? { [named]: text } : { form: text };
}

export const formError = (errors: FormErrors) => (errors.form ? errorState(errors.form) : nothing);

/** One accounts client per server address, shared by the widgets on a page. */
const clients = new Map<string, AccountsClient>();
export function accountsClientFor(apiBase: string | undefined): AccountsClient {
  const baseUrl = apiBaseFor(apiBase);
  let client = clients.get(baseUrl);
  if (!client) clients.set(baseUrl, (client = createAccountsClient({ baseUrl })));
  return client;
}

/** The id of the first field with an error, to move focus there. */
export const firstInvalid = (errors: FormErrors, order: readonly string[]) => order.find((name) => errors[name]);

/** The page's address without the reset link's parameters: where a reset link brings the person back to. */
export function pageAddress(): string {
  const url = new URL(location.href);
  url.searchParams.delete("token");
  url.searchParams.delete("error");
  return url.href;
}
