export { tokens, base } from "./tokens";
export { FdCalendar } from "./calendar/calendar";
export * from "./calendar-date";
