export { tokens, base, type Theme } from "./tokens";
export { widgetStyles } from "./widget.styles";
export { FdCalendar } from "./calendar/calendar";
export * from "./calendar-date";
export * from "./slots";
export * from "./format";
export * from "./icons";
export * from "./widget-parts";
export { canonicalLocale, languageOf, useLanguage } from "./localization";
