import { html, nothing, type TemplateResult } from "lit";
import { msg } from "@lit/localize";

/** What the customer types on the details step. */
export interface CustomerDetails {
  name: string;
  email: string;
  phone: string;
  notes: string;
}

export type DetailsField = keyof CustomerDetails;
export type DetailsErrors = Partial<Record<DetailsField, string>>;

export const emptyDetails: CustomerDetails = { name: "", email: "", phone: "", notes: "" };

// The same rules the server applies, so most mistakes are caught before a round trip.
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const phonePattern = /^\+?[0-9 ()./-]{6,20}$/;

export function validateDetails(details: CustomerDetails): DetailsErrors {
  const errors: DetailsErrors = {};
  const name = details.name.trim();
  if (!name) errors.name = msg("Enter your name.");
  else if (name.length > 120) errors.name = msg("Use at most 120 characters.");
  const email = details.email.trim();
  if (!email) errors.email = msg("Enter your email address.");
  else if (!emailPattern.test(email) || email.length > 254) errors.email = msg("Enter an email address like name@example.com.");
  const phone = details.phone.trim();
  const digits = phone.replace(/\D/g, "").length;
  if (phone && (!phonePattern.test(phone) || digits < 6 || digits > 15)) {
    errors.phone = msg("Enter a phone number with 6 to 15 digits, e.g. +1 415 555 0100.");
  }
  if (details.notes.length > 2000) errors.notes = msg("Use at most 2000 characters.");
  return errors;
}

/** The input a server error's `field` (`customer.email`, `notes`) points at, if it is one on the form. */
export function detailsFieldOf(field: string | undefined): DetailsField | undefined {
  const name = field?.replace(/^customer\./, "");
  return name === "name" || name === "email" || name === "phone" || name === "notes" ? name : undefined;
}

const fields: { field: DetailsField; label: () => string; type?: string; autocomplete?: string; multiline?: boolean }[] = [
  { field: "name", label: () => msg("Name"), autocomplete: "name" },
  { field: "email", label: () => msg("Email"), type: "email", autocomplete: "email" },
  { field: "phone", label: () => msg("Phone (optional)"), type: "tel", autocomplete: "tel" },
  { field: "notes", label: () => msg("Notes (optional)"), multiline: true },
];

/** The inputs of the details form, each with its error tied to it; typing into a field clears its error. */
export function detailsFields(
  details: CustomerDetails,
  errors: DetailsErrors,
  onChange: (details: CustomerDetails, errors: DetailsErrors) => void,
): TemplateResult[] {
  return fields.map(({ field, label, type, autocomplete, multiline }) => {
    const error = errors[field];
    const update = (event: Event) =>
      onChange({ ...details, [field]: (event.target as HTMLInputElement | HTMLTextAreaElement).value }, error ? { ...errors, [field]: undefined } : errors);
    const describedBy = error ? `field-${field}-error` : nothing;
    return html`<div class="field">
      <label for="field-${field}">${label()}</label>
      ${multiline
        ? html`<textarea id="field-${field}" part="input" name=${field} rows="3" aria-invalid=${error ? "true" : "false"} aria-describedby=${describedBy} .value=${details[field]} @input=${update}></textarea>`
        : html`<input
            id="field-${field}"
            part="input"
            name=${field}
            type=${type ?? "text"}
            autocomplete=${autocomplete ?? nothing}
            aria-invalid=${error ? "true" : "false"}
            aria-describedby=${describedBy}
            ?required=${field === "name" || field === "email"}
            .value=${details[field]}
            @input=${update}
          />`}
      ${error ? html`<p class="field-error" id="field-${field}-error" part="error">${error}</p>` : nothing}
    </div>`;
  });
}
