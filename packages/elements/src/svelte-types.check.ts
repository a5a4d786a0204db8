// Checked by `pnpm typecheck`: Svelte 5 takes the elements' typed attributes and events from types/svelte.d.ts.
import type { SvelteHTMLElements } from "svelte/elements";
import type {} from "../types/svelte";

type Booking = SvelteHTMLElements["fd-booking"];

export const booking: Booking = { "publishable-key": "pk_demo_brightsmile", mode: "popup", "onfd-booking-created": (event) => event.detail.appointmentId };
// @ts-expect-error `mode` is inline, popup or floating.
export const wrongMode: Booking = { mode: "sideways" };
// @ts-expect-error The detail of fd-booking-created has no bookingId.
export const wrongDetail: Booking = { "onfd-booking-created": (event) => event.detail.bookingId };
// @ts-expect-error `theme` is light, dark or auto.
export const wrongTheme: SvelteHTMLElements["fd-provider"] = { theme: "sepia" };
