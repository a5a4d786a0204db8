import { FdCalendar } from "./calendar";

if (!customElements.get("fd-calendar")) customElements.define("fd-calendar", FdCalendar);

export { FdCalendar };
