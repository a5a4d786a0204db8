// Made from custom-elements.json by packages/elements (pnpm --filter @frontdesk/elements generate): do not edit.
import type { EmitFn, HTMLAttributes, PublicProps } from "vue";

/** `<fd-account>` in the DOM: its properties and methods. */
export interface FdAccountElement extends HTMLElement {
  /** Reads the account again; the profile form takes the saved values. */
  load(): Promise<void>;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
}

/** The attributes of `<fd-account>`. */
export interface FdAccountAttributes {
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-account>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdAccountEvents {
  /** The profile was saved. `detail: { userId, name, email }`. */
  "fd-account-updated": CustomEvent<{ userId: string; name: string; email: string }>;
}

/** `<fd-agents>` in the DOM: its properties and methods. */
export interface FdAgentsElement extends HTMLElement {
  /** Reads the agents again, for a page where something else changed them. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-agents>`. */
export interface FdAgentsAttributes {
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-agents>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdAgentsEvents {
  /** A version was published (or an earlier one again). `detail: { agentId, versionId, version }`. */
  "fd-agent-published": CustomEvent<{ agentId: string; versionId: string; version: number }>;
  /** An agent was made (inactive, unpublished). `detail: { agentId, name, status }`. */
  "fd-agent-created": CustomEvent<{ agentId: string; name: string; status: "inactive" | "active" | "paused" | "error" }>;
  /** An agent's draft or status changed. `detail: { agentId, name, status }`. */
  "fd-agent-updated": CustomEvent<{ agentId: string; name: string; status: "inactive" | "active" | "paused" | "error" }>;
}

/** `<fd-api-keys>` in the DOM: its properties and methods. */
export interface FdApiKeysElement extends HTMLElement {
  /** Reads the keys and endpoints again, for a page where something else changed them. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-api-keys>`. */
export interface FdApiKeysAttributes {
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-api-keys>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdApiKeysEvents {
  /** A key was made. `detail: { kind, id }` (`secret` with the key's id, or `publishable` with the key); never a secret's value. */
  "fd-api-key-created": CustomEvent<{ kind: "secret" | "publishable"; id: string }>;
  /** A key was revoked. `detail: { kind, id }`. */
  "fd-api-key-revoked": CustomEvent<{ kind: "secret" | "publishable"; id: string }>;
}

/** `<fd-approvals>` in the DOM: its properties and methods. */
export interface FdApprovalsElement extends HTMLElement {
  /**
   * Reads the queue again without a loading state: new approvals appear, decided ones leave, and those decided on this
   * page stay in place with what happened to them.
   */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-approvals>`. */
export interface FdApprovalsAttributes {
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-approvals>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdApprovalsEvents {
  /** An approval was decided here. `detail: { approvalId, status }`. */
  "fd-approval-decided": CustomEvent<{ approvalId: string; callId: null | string; status: "pending" | "rejected" | "expired" | "approved" | "failed" }>;
  /** The person asked to see the call an approval came from. `detail: { callId }`. */
  "fd-call-open": CustomEvent<{ callId: string }>;
}

/** `<fd-back-office>` in the DOM: its properties and methods. */
export interface FdBackOfficeElement extends HTMLElement {
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
}

/** The attributes of `<fd-back-office>`. */
export interface FdBackOfficeAttributes {
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-back-office>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdBackOfficeEvents {
  /** The business the page now works for. `detail: { businessId, role }`. */
  "fd-business-chosen": CustomEvent<{ businessId: string; role: string }>;
}

/** `<fd-booking>` in the DOM: its properties and methods. */
export interface FdBookingElement extends HTMLElement {
  /** The business's publishable key (`pk_…`). Required, here or on the `<fd-provider>` around the element. */
  publishableKey: string;
  /** Id of a service to preselect; the service step is skipped. */
  service: string | undefined;
  /** Id of a staff member to preselect; the staff step is skipped when they offer the service. */
  staff: string | undefined;
  /** IANA zone times are first shown in. Defaults to the visitor's. */
  timeZone: string;
  /** `inline` (default): the form sits in the page. `popup`: a button opens it in a dialog. `floating`: a round button fixed to the bottom-right corner does. */
  mode: "inline" | "popup" | "floating";
  /** Text of the button that opens the dialog; default "Book an appointment". */
  buttonLabel: string | undefined;
  /** Prefills the name field. */
  name: string | undefined;
  /** Prefills the email field. */
  email: string | undefined;
  /** Prefills the phone field. */
  phone: string | undefined;
  /** Opens the booking dialog (`popup` and `floating` modes; does nothing inline). */
  open(): void;
  /** Closes the booking dialog, releasing a time held for the customer. */
  close(): void;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-booking>`. */
export interface FdBookingAttributes {
  /** The business's publishable key (`pk_…`). Required, here or on the `<fd-provider>` around the element. */
  "publishable-key"?: string;
  /** Id of a service to preselect; the service step is skipped. */
  service?: string;
  /** Id of a staff member to preselect; the staff step is skipped when they offer the service. */
  staff?: string;
  /** IANA zone times are first shown in. Defaults to the visitor's. */
  "time-zone"?: string;
  /** `inline` (default): the form sits in the page. `popup`: a button opens it in a dialog. `floating`: a round button fixed to the bottom-right corner does. */
  mode?: "inline" | "popup" | "floating";
  /** Text of the button that opens the dialog; default "Book an appointment". */
  "button-label"?: string;
  /** Prefills the name field. */
  name?: string;
  /** Prefills the email field. */
  email?: string;
  /** Prefills the phone field. */
  phone?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-booking>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdBookingEvents {
  /** The booking dialog opened (`popup` and `floating` modes). No detail. */
  "fd-booking-opened": CustomEvent<null>;
  /** The booking dialog closed (`popup` and `floating` modes). No detail. */
  "fd-booking-closed": CustomEvent<null>;
  /** The appointment was booked (or, for services the business approves first, requested). `detail: { appointmentId, start, end, serviceId, staffId, status }` (instants are UTC ISO strings; `status` is `confirmed` or `pending`). */
  "fd-booking-created": CustomEvent<{ appointmentId: string; start: string; end: string; serviceId: string; staffId: string; status: "pending" | "confirmed" }>;
}

/** `<fd-booking-manage>` in the DOM: its properties and methods. */
export interface FdBookingManageElement extends HTMLElement {
  /** The token from the customer's manage link. Defaults to the `token` query parameter of this page's URL. */
  token: string | undefined;
  /** IANA zone times are first shown in. Defaults to the zone the customer booked in, else the visitor's. */
  timeZone: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-booking-manage>`. */
export interface FdBookingManageAttributes {
  /** The token from the customer's manage link. Defaults to the `token` query parameter of this page's URL. */
  token?: string;
  /** IANA zone times are first shown in. Defaults to the zone the customer booked in, else the visitor's. */
  "time-zone"?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-booking-manage>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdBookingManageEvents {
  /** The appointment moved. `detail: { appointmentId, start, end }` (UTC ISO strings). */
  "fd-booking-rescheduled": CustomEvent<{ appointmentId: string; start: string; end: string }>;
  /** The appointment was cancelled. `detail: { appointmentId }`. */
  "fd-booking-cancelled": CustomEvent<{ appointmentId: string }>;
}

/** `<fd-business-setup>` in the DOM: its properties and methods. */
export interface FdBusinessSetupElement extends HTMLElement {
  /** Reads the business's configuration again, for a page where something else changed it. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-business-setup>`. */
export interface FdBusinessSetupAttributes {
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-business-setup>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdBusinessSetupEvents {
  /** The owner went through the last step. `detail: { publishableKey }` (null when none was made). */
  "fd-business-setup-completed": CustomEvent<{ publishableKey: null | string }>;
  /** A step saved something (hours, a service, a staff member, a key). `detail: { step }`. */
  "fd-business-setup-saved": CustomEvent<{ step: "hours" | "services" | "staff" | "keys" }>;
}

/** `<fd-calendar-connections>` in the DOM: its properties and methods. */
export interface FdCalendarConnectionsElement extends HTMLElement {
  /** The staff member whose calendars to show (owners and admins); unset: the person's own, else the first. */
  staffId: string | undefined;
  /** Reads the connections again, for a page where something else changed them. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-calendar-connections>`. */
export interface FdCalendarConnectionsAttributes {
  /** The staff member whose calendars to show (owners and admins); unset: the person's own, else the first. */
  "staff-id"?: string;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-calendar-connections>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdCalendarConnectionsEvents {
  /** The person came back from the provider with a new connection. `detail: { connectionId, staffId, provider }`. */
  "fd-calendar-connected": CustomEvent<{ connectionId: string; staffId: string; provider: "google" | "microsoft" }>;
  /** The calendars that count as busy, or the destination, were saved. `detail: { connectionId, staffId, busyCalendarIds, destinationCalendarId }` (`destinationCalendarId` undefined: unchanged; null: none). */
  "fd-calendars-chosen": CustomEvent<{ connectionId: string; staffId: string; busyCalendarIds: string[]; destinationCalendarId: null | string | undefined }>;
  /** A connection was removed. `detail: { connectionId, staffId, provider }`. */
  "fd-calendar-disconnected": CustomEvent<{ connectionId: string; staffId: string; provider: "google" | "microsoft" }>;
}

/** `<fd-call-detail>` in the DOM: its properties and methods. */
export interface FdCallDetailElement extends HTMLElement {
  /** The call to show (`cal_…`): the `call` attribute. */
  callId: string | undefined;
  /** Reads the call again. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-call-detail>`. */
export interface FdCallDetailAttributes {
  /** The call to show (`cal_…`): the `call` attribute. */
  call?: string;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-call-detail>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdCallDetailEvents {
  /** An approval of the call was approved or rejected. `detail: { approvalId, callId, status }`. */
  "fd-approval-decided": CustomEvent<{ approvalId: string; callId: null | string; status: "pending" | "rejected" | "expired" | "approved" | "failed" }>;
}

/** `<fd-call-log>` in the DOM: its properties and methods. */
export interface FdCallLogElement extends HTMLElement {
  /** Reads the page on screen and the calls in progress again. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-call-log>`. */
export interface FdCallLogAttributes {
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-call-log>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdCallLogEvents {
  /** A call was chosen. `detail: { callId }`. Cancel it (`preventDefault()`) to show the call yourself instead of in the log's own `<fd-call-detail>`. */
  "fd-call-open": CustomEvent<{ callId: string }>;
}

/** `<fd-phone-numbers>` in the DOM: its properties and methods. */
export interface FdPhoneNumbersElement extends HTMLElement {
  /** Reads the numbers and agents again, for a page where something else changed them. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-phone-numbers>`. */
export interface FdPhoneNumbersAttributes {
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-phone-numbers>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdPhoneNumbersEvents {
  /** A number was bought. `detail: { numberId, phoneNumber, status, agentId, afterHoursAgentId }`. */
  "fd-number-added": CustomEvent<{ numberId: string; phoneNumber: string; status: "inactive" | "active" | "suspended" | "porting" | "released"; agentId: null | string; afterHoursAgentId: null | string }>;
  /** A number's name, agents or status changed. Same `detail`. */
  "fd-number-updated": CustomEvent<{ numberId: string; phoneNumber: string; status: "inactive" | "active" | "suspended" | "porting" | "released"; agentId: null | string; afterHoursAgentId: null | string }>;
  /** A number was released for good. Same `detail`. */
  "fd-number-released": CustomEvent<{ numberId: string; phoneNumber: string; status: "inactive" | "active" | "suspended" | "porting" | "released"; agentId: null | string; afterHoursAgentId: null | string }>;
}

/** `<fd-provider>` in the DOM: its properties and methods. */
export interface FdProviderElement extends HTMLElement {
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** The business's publishable key (`pk_…`), for the widgets that need one. */
  publishableKey: string | undefined;
  /** An embed session's client secret (`es_…`), minted by the vendor's server with `embedSessions.create`. Used first; it is not refreshed on its own. */
  clientSecret: string | undefined;
  /**
   * A function that asks the vendor's own server for a new embed session and resolves with its client secret: called
   * when there is no `client-secret`, a minute before the session lapses, and when a call is answered `EMBED_SESSION_EXPIRED`.
   */
  fetchClientSecret: (() => Promise<string>) | undefined;
  /** BCP 47 locale of the widgets' text, dates and times. Defaults to the browser's. */
  locale: string | undefined;
  /** `light`, `dark`, or `auto` to follow the visitor's colour scheme. */
  theme: "light" | "dark" | "auto" | undefined;
}

/** The attributes of `<fd-provider>`. */
export interface FdProviderAttributes {
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** The business's publishable key (`pk_…`), for the widgets that need one. */
  "publishable-key"?: string;
  /** An embed session's client secret (`es_…`), minted by the vendor's server with `embedSessions.create`. Used first; it is not refreshed on its own. */
  "client-secret"?: string;
  /** BCP 47 locale of the widgets' text, dates and times. Defaults to the browser's. */
  locale?: string;
  /** `light`, `dark`, or `auto` to follow the visitor's colour scheme. */
  theme?: "light" | "dark" | "auto";
}

/** The events `<fd-provider>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdProviderEvents {
}

/** `<fd-sign-in>` in the DOM: its properties and methods. */
export interface FdSignInElement extends HTMLElement {
  /** The first view: `sign-in` (default) or `sign-up`. */
  mode: "sign-in" | "sign-up" | undefined;
  /** The token of a password-reset link. Defaults to the `token` query parameter of this page's URL. */
  resetToken: string | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
}

/** The attributes of `<fd-sign-in>`. */
export interface FdSignInAttributes {
  /** The first view: `sign-in` (default) or `sign-up`. */
  mode?: "sign-in" | "sign-up";
  /** The token of a password-reset link. Defaults to the `token` query parameter of this page's URL. */
  "reset-token"?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-sign-in>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdSignInEvents {
  /** The person is signed in (also when the page opens with a session). `detail: { userId, name, email }`. */
  "fd-signed-in": CustomEvent<{ userId: string; name: string; email: string }>;
  /** The person signed out. `detail: null`. */
  "fd-signed-out": CustomEvent<null>;
}

/** `<fd-team>` in the DOM: its properties and methods. */
export interface FdTeamElement extends HTMLElement {
  /** Reads the team and the staff records again, for a page where something else changed them. */
  refresh(): Promise<void>;
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business: string | undefined;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  apiBase: string | undefined;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale: string | undefined;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme: "light" | "dark" | "auto" | undefined;
  /** Hides the "Powered by Frontdesk" line. */
  hidePoweredBy: boolean;
}

/** The attributes of `<fd-team>`. */
export interface FdTeamAttributes {
  /** The id of the business to manage (`ten_…`). Needed only when the person signed in belongs to several. */
  business?: string;
  /** Origin of the Frontdesk server. Defaults to the one the embed script was loaded from, else this page's. */
  "api-base"?: string;
  /** BCP 47 locale for the text (English, Spanish or Arabic, by language) and for dates and times. Defaults to the provider's, else the browser's. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the visitor's colour scheme. Defaults to the provider's. */
  theme?: "light" | "dark" | "auto";
  /** Hides the "Powered by Frontdesk" line. */
  "hide-powered-by"?: boolean;
}

/** The events `<fd-team>` dispatches, by name. They bubble and cross shadow roots. */
export interface FdTeamEvents {
  /** A member's role or staff record changed. `detail: { memberId, role, staffId }`. */
  "fd-team-member-updated": CustomEvent<{ memberId: string; role: "staff" | "owner" | "admin"; staffId: null | string }>;
  /** A member was removed from the business. `detail: { memberId }`. */
  "fd-team-member-removed": CustomEvent<{ memberId: string }>;
  /** An invitation was sent. `detail: { invitationId, email, role }`. */
  "fd-team-member-invited": CustomEvent<{ invitationId: string; email: string; role: "staff" | "owner" | "admin" }>;
}

/** `publishable-key` → `publishableKey`: vue-tsc checks a template's attributes by their camel-cased names. */
export type Camelize<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camelize<Tail>>}` : Name;

/** A custom element as Vue's template checker sees a component: attributes as props, events as emits. */
export type VueElement<Element, Attributes, Events> = new () => Element & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: HTMLAttributes & { [Name in keyof Attributes & string as Camelize<Name>]?: Attributes[Name] } & PublicProps;
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
};

declare module "vue" {
  interface GlobalComponents {
    /** The signed-in person's account: profile, password, where they are signed in, two-step verification and passkeys. */
    "fd-account": VueElement<FdAccountElement, FdAccountAttributes, FdAccountEvents>;
    /** The business's phone agents for its owners and admins: create one, change its draft, review the prompt and tools before publishing, publish and activate it, deactivate it, and roll back to an earlier version. */
    "fd-agents": VueElement<FdAgentsElement, FdAgentsAttributes, FdAgentsEvents>;
    /** The business's API keys and webhooks for its owners and admins: secret keys with their scopes, publishable keys with their origins, and webhook endpoints with their delivery log. */
    "fd-api-keys": VueElement<FdApiKeysElement, FdApiKeysAttributes, FdApiKeysEvents>;
    /** The approval queue of AI actions: bookings, moves, cancellations and messages the phone agent (or a booking) asks staff to decide, oldest first; approve, change the time and approve, or reject with a reason, one by one or several at once. */
    "fd-approvals": VueElement<FdApprovalsElement, FdApprovalsAttributes, FdApprovalsEvents>;
    /**
     * The back office of a business: sign in, create the business or join one through an invitation, then the account and the business's own tools.
     *
     * Signed out it shows `<fd-sign-in>`; signed in without a business, a short form to create one; with `?invitation=<token>` in the
     * page's address it accepts that invitation once the person is signed in. Signed in with a business, it shows the business,
     * the person's role, `<fd-account>`, and the elements the page put in its `approvals`, `calls`, `team`, `calendars`, `setup` and (for
     * owners and admins) `keys`, `numbers` and `agents` slots, each given the business's id as its `business` attribute.
     * When one of them changes the business (an `fd-business-setup-saved`, `fd-team-member-*`, `fd-api-key-*`,
     * `fd-approval-decided`, `fd-number-*` or `fd-agent-*` event), the others that have a `refresh()` method read it again.
     * With `#appointment=<id>` in the page's address (the link calendar sync writes into each appointment's calendar event), it
     * shows that appointment above the tools, read in the business chosen; the hash outlives signing in, and Close removes it.
     */
    "fd-back-office": VueElement<FdBackOfficeElement, FdBackOfficeAttributes, FdBackOfficeEvents>;
    /**
     * Lets a customer book an appointment: service, staff member, day, time, their details, confirmation.
     *
     * In `popup` and `floating` modes the flow opens in a modal dialog from a button; `open()` and `close()`
     * do the same from script.
     */
    "fd-booking": VueElement<FdBookingElement, FdBookingAttributes, FdBookingEvents>;
    /** Lets a customer see their appointment through the link in their confirmation, and reschedule or cancel it while the business's policy allows. */
    "fd-booking-manage": VueElement<FdBookingManageElement, FdBookingManageAttributes, FdBookingManageEvents>;
    /** The owner's first set-up of a new business: opening hours, the first services and staff, and the keys for the website and for the business's own server. Every step can be skipped and taken up later. */
    "fd-business-setup": VueElement<FdBusinessSetupElement, FdBusinessSetupAttributes, FdBusinessSetupEvents>;
    /**
     * A staff member's Google and Outlook calendars: connect, choose which count as busy and the one that receives appointments, see how fresh they are, reconnect, disconnect; and the secret calendar feed link (ICS) for other calendar apps. Owners and admins do the same for each staff member and send them a connect link.
     *
     * After the provider's consent the browser comes back to the page with `?calendar=connected` (or `?calendar=error&reason=…`):
     * the widget says what happened and takes those parameters out of the address.
     */
    "fd-calendar-connections": VueElement<FdCalendarConnectionsElement, FdCalendarConnectionsAttributes, FdCalendarConnectionsEvents>;
    /** One call from start to end: the transcript with the agent's tool calls in place, what the call was about and how it ended, its cost and talk time, its recording, and the approvals it created, to approve or reject. */
    "fd-call-detail": VueElement<FdCallDetailElement, FdCallDetailAttributes, FdCallDetailEvents>;
    /** The business's calls, newest first: filters, search over the transcripts, pages, CSV export, the calls in progress and each agent's status. Choosing a call opens it in an `<fd-call-detail>`. */
    "fd-call-log": VueElement<FdCallLogElement, FdCallLogAttributes, FdCallLogEvents>;
    /** The business's phone numbers for its owners and admins: status, name and the agents that answer; search and buy a number, bind its agents, activate it, release it. */
    "fd-phone-numbers": VueElement<FdPhoneNumbersElement, FdPhoneNumbersAttributes, FdPhoneNumbersEvents>;
    /**
     * Gives every Frontdesk widget inside it one API client, one language and one theme.
     *
     * The widgets find it through the context protocol (@lit/context), however deep inside it they sit, shadow roots
     * included. A widget's own attribute wins over the provider's; a widget outside any provider works from its own.
     *
     * In a SaaS vendor's product, an embed session minted on the vendor's server (never its secret key) gives the widgets
     * inside the business's data: set `client-secret` to the session's client secret, or the `fetchClientSecret` property
     * to a function that asks the vendor's server for a new one. The provider sends the secret with every call; with
     * `fetchClientSecret` it fetches a new one before the session lapses, and once more when a call is answered
     * `EMBED_SESSION_EXPIRED`, and sends that call again. See docs/saas-embedding.md.
     */
    "fd-provider": VueElement<FdProviderElement, FdProviderAttributes, FdProviderEvents>;
    /**
     * Signs a person in to their Frontdesk account: e-mail and password, two-factor codes, passkeys, a new account, and a forgotten password.
     *
     * Opened with the link from a password-reset mail (the page's `?token=`), it asks for the new password.
     */
    "fd-sign-in": VueElement<FdSignInElement, FdSignInAttributes, FdSignInEvents>;
    /** The business's team for its owners and admins: members with their role and staff record, pending invitations, and a form to invite someone by e-mail. */
    "fd-team": VueElement<FdTeamElement, FdTeamAttributes, FdTeamEvents>;
  }
}
