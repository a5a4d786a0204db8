import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "@lit/localize";
import type { AvailableNumber } from "@frontdesk/core";
import { phoneNumberTypes, type PhoneNumberType } from "@frontdesk/core/vocabulary";
import { errorState } from "@frontdesk/ui";
import { fieldError } from "@frontdesk/widget-team/back-office";
import { numberTypeLabel } from "../phone-texts";

export interface SearchDraft {
  country: string;
  type: PhoneNumberType;
  areaCode: string;
  contains: string;
}

/** A refusal, with the field it names (if any). */
export interface Problem {
  field: string | undefined;
  text: string;
}

export interface SearchView {
  draft: SearchDraft;
  results: AvailableNumber[] | undefined;
  chosen: string | undefined;
  nickname: string;
  busy: boolean;
  searchProblem: Problem | undefined;
  buyProblem: Problem | undefined;
  edit(draft: SearchDraft): void;
  search(event: Event): void;
  choose(phoneNumber: string): void;
  name(nickname: string): void;
  buy(event: Event): void;
}

/** A text field of the search form, its refusal under it. */
function textField(view: SearchView, key: "country" | "areaCode" | "contains", label: string, hint?: string): TemplateResult {
  const id = `search-${key}`;
  const error = view.searchProblem?.field === key ? view.searchProblem.text : undefined;
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} part="input" dir="ltr" autocomplete="off" .value=${live(view.draft[key])} aria-invalid=${error ? "true" : "false"}
      aria-describedby=${described || nothing} @input=${(event: Event) => view.edit({ ...view.draft, [key]: (event.target as HTMLInputElement).value })} />
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing} ${fieldError(`${id}-error`, error)}
  </div>`;
}

function results(view: SearchView, found: AvailableNumber[]): TemplateResult {
  if (!found.length) return html`<p class="empty">${msg("No numbers match. Try another area code or pattern.")}</p>`;
  const nicknameError = view.buyProblem?.field === "nickname" ? view.buyProblem.text : undefined;
  return html`<form part="form" novalidate @submit=${view.buy} aria-labelledby="results-heading">
    <fieldset part="fieldset">
      <legend id="results-heading">${msg("Choose a number")}</legend>
      <ul class="results">
        ${found.map(
          (number) => html`<li>
            <label class="choice">
              <input type="radio" name="available" .checked=${live(view.chosen === number.phoneNumber)} @change=${() => view.choose(number.phoneNumber)} />
              <span><span class="number">${number.friendlyName}</span>${number.locality || number.region ? html` · <bdi>${[number.locality, number.region].filter(Boolean).join(", ")}</bdi>` : nothing}</span>
            </label>
          </li>`,
        )}
      </ul>
    </fieldset>
    <div class="field">
      <label for="buy-nickname">${msg("Name (optional, e.g. Front desk)")}</label>
      <input id="buy-nickname" part="input" autocomplete="off" .value=${live(view.nickname)} aria-invalid=${nicknameError ? "true" : "false"}
        aria-describedby=${nicknameError ? "buy-nickname-error" : nothing} @input=${(event: Event) => view.name((event.target as HTMLInputElement).value)} />
      ${fieldError("buy-nickname-error", nicknameError)}
    </div>
    ${view.buyProblem && !nicknameError ? errorState(view.buyProblem.text) : nothing}
    <button type="submit" class="button primary" part="button button-primary" aria-disabled=${view.busy || !view.chosen ? "true" : nothing}>
      ${view.chosen ? msg(str`Buy ${view.chosen}`) : msg("Buy the number")}
    </button>
  </form>`;
}

/** "Add a number": search what is for sale, choose one, name it, buy it. */
export function addNumberSection(view: SearchView): TemplateResult {
  const problem = view.searchProblem;
  return html`<section class="section" part="section" aria-labelledby="add-heading">
    <h3 id="add-heading">${msg("Add a number")}</h3>
    <form part="form" novalidate @submit=${view.search} aria-label=${msg("Search numbers for sale")}>
      <div class="grid">
        ${textField(view, "country", msg("Country (two letters)"))}
        <div class="field">
          <label for="search-type">${msg("Type")}</label>
          <select id="search-type" part="input" .value=${live(view.draft.type)} @change=${(event: Event) => view.edit({ ...view.draft, type: (event.target as HTMLSelectElement).value as PhoneNumberType })}>
            ${phoneNumberTypes.map((type) => html`<option value=${type} ?selected=${type === view.draft.type}>${numberTypeLabel(type)}</option>`)}
          </select>
        </div>
        ${textField(view, "areaCode", msg("Area code (optional)"))}
        ${textField(view, "contains", msg("Contains (optional)"), msg("Digits, letters as on a keypad, * for any digit."))}
      </div>
      ${problem && !["country", "areaCode", "contains"].includes(problem.field ?? "") ? errorState(problem.text) : nothing}
      <button type="submit" class="button" part="button" aria-disabled=${view.busy ? "true" : nothing}>${msg("Search")}</button>
    </form>
    ${view.results ? results(view, view.results) : nothing}
  </section>`;
}
