import { describe, expect, it } from "vitest";
import { resolveSpokenDate, type SpokenDateContext } from "./spoken-dates";

const iso = (instant: number) => new Date(instant).toISOString();
const la = "America/Los_Angeles";
/** Tuesday 12 January 2027, 6:00 in Los Angeles. */
const tuesdayMorning: SpokenDateContext = { timeZone: la, now: Date.parse("2027-01-12T14:00:00Z") };

function days(text: string, context: SpokenDateContext = tuesdayMorning) {
  const resolved = resolveSpokenDate(text, context);
  return resolved.ok ? { from: resolved.from, to: resolved.to, part: resolved.partOfDay ?? "any" } : resolved.code;
}

describe("a date as a caller says it, on Tuesday 12 January 2027 in Los Angeles", () => {
  const table: [said: string, from: string, to: string, part: string][] = [
    ["today", "2027-01-12", "2027-01-12", "any"],
    ["tomorrow", "2027-01-13", "2027-01-13", "any"],
    ["the day after tomorrow", "2027-01-14", "2027-01-14", "any"],
    ["Tuesday", "2027-01-12", "2027-01-12", "any"],
    ["this Tuesday", "2027-01-12", "2027-01-12", "any"],
    ["next Tuesday", "2027-01-19", "2027-01-19", "any"],
    ["Next Tuesday morning, please", "2027-01-19", "2027-01-19", "morning"],
    ["on Wednesday afternoon", "2027-01-13", "2027-01-13", "afternoon"],
    ["next Wednesday", "2027-01-13", "2027-01-13", "any"],
    ["Monday", "2027-01-18", "2027-01-18", "any"],
    ["tonight", "2027-01-12", "2027-01-12", "evening"],
    ["tomorrow night", "2027-01-13", "2027-01-13", "evening"],
    ["in 3 days", "2027-01-15", "2027-01-15", "any"],
    ["the 19th", "2027-01-19", "2027-01-19", "any"],
    ["the 12th", "2027-01-12", "2027-01-12", "any"],
    ["the 5th", "2027-02-05", "2027-02-05", "any"],
    ["the 31st", "2027-01-31", "2027-01-31", "any"],
    ["January 19th", "2027-01-19", "2027-01-19", "any"],
    ["5 January", "2028-01-05", "2028-01-05", "any"],
    ["Feb 29", "2028-02-29", "2028-02-29", "any"],
    ["3/4", "2027-03-04", "2027-03-04", "any"],
    ["2027-01-20", "2027-01-20", "2027-01-20", "any"],
    ["next week", "2027-01-18", "2027-01-24", "any"],
    ["this week", "2027-01-12", "2027-01-17", "any"],
    ["hoy", "2027-01-12", "2027-01-12", "any"],
    ["mañana", "2027-01-13", "2027-01-13", "any"],
    ["manana", "2027-01-13", "2027-01-13", "any"],
    ["mañana por la mañana", "2027-01-13", "2027-01-13", "morning"],
    ["pasado mañana", "2027-01-14", "2027-01-14", "any"],
    ["el martes", "2027-01-12", "2027-01-12", "any"],
    ["el martes que viene", "2027-01-19", "2027-01-19", "any"],
    ["una limpieza el martes que viene por la mañana", "2027-01-19", "2027-01-19", "morning"],
    ["el próximo martes por la tarde", "2027-01-19", "2027-01-19", "afternoon"],
    ["el miércoles", "2027-01-13", "2027-01-13", "any"],
    ["el sábado por la noche", "2027-01-16", "2027-01-16", "evening"],
    ["esta tarde", "2027-01-12", "2027-01-12", "afternoon"],
    ["el 19", "2027-01-19", "2027-01-19", "any"],
    ["el día 3", "2027-02-03", "2027-02-03", "any"],
    ["19 de enero", "2027-01-19", "2027-01-19", "any"],
    ["dentro de 2 días", "2027-01-14", "2027-01-14", "any"],
    ["la semana que viene", "2027-01-18", "2027-01-24", "any"],
  ];
  it.each(table)("“%s” is %s to %s (%s)", (said, from, to, part) => {
    expect(days(said)).toEqual({ from, to, part });
  });

  it("reads 3/4 day first in Spanish", () => {
    expect(days("el 3/4", { ...tuesdayMorning, language: "es-US" })).toEqual({ from: "2027-04-03", to: "2027-04-03", part: "any" });
  });

  it("takes a part of the day given apart, unless the words name one", () => {
    expect(days("next Tuesday", { ...tuesdayMorning, partOfDay: "afternoon" })).toMatchObject({ part: "afternoon" });
    expect(days("next Tuesday evening", { ...tuesdayMorning, partOfDay: "afternoon" })).toMatchObject({ part: "evening" });
  });

  it("says a day already gone is past, and words it cannot read are unrecognised", () => {
    expect(days("2027-01-11")).toBe("PAST_DATE");
    expect(days("this morning", { ...tuesdayMorning, now: Date.parse("2027-01-12T21:00:00Z") })).toBe("PAST_DATE");
    expect(days("when the moon is full")).toBe("UNRECOGNISED_DATE");
    expect(days("February 30")).toBe("UNRECOGNISED_DATE");
    expect(days("2027-02-30")).toBe("UNRECOGNISED_DATE");
  });

  it("spans the part of the day in the business's zone", () => {
    const resolved = resolveSpokenDate("next Tuesday morning", tuesdayMorning);
    expect(resolved.ok && [iso(resolved.startMs), iso(resolved.endMs)]).toEqual(["2027-01-19T08:00:00.000Z", "2027-01-19T20:00:00.000Z"]);
  });
});

describe("today is the business's today, not the server's", () => {
  it("at 23:30 in Los Angeles, already the 13th in UTC, tomorrow is the 13th", () => {
    const lateEvening = { timeZone: la, now: Date.parse("2027-01-13T07:30:00Z") };
    expect(days("today", lateEvening)).toMatchObject({ from: "2027-01-12" });
    expect(days("tomorrow", lateEvening)).toMatchObject({ from: "2027-01-13" });
    expect(days("next Tuesday", lateEvening)).toMatchObject({ from: "2027-01-19" });
  });

  it("in Madrid at 00:30 on Wednesday, still Tuesday evening in UTC, mañana is Thursday", () => {
    expect(days("mañana", { timeZone: "Europe/Madrid", now: Date.parse("2027-01-12T23:30:00Z") })).toMatchObject({ from: "2027-01-14" });
  });
});

describe("days around a change of the clocks", () => {
  const span = (text: string, context: SpokenDateContext) => {
    const resolved = resolveSpokenDate(text, context);
    return resolved.ok ? { from: resolved.from, start: iso(resolved.startMs), end: iso(resolved.endMs), hours: (resolved.endMs - resolved.startMs) / 3_600_000 } : resolved.code;
  };

  it("tomorrow, said the day before spring-forward in Los Angeles, lasts 23 hours", () => {
    const saturday = { timeZone: la, now: Date.parse("2027-03-13T20:00:00Z") };
    expect(span("tomorrow", saturday)).toEqual({ from: "2027-03-14", start: "2027-03-14T08:00:00.000Z", end: "2027-03-15T07:00:00.000Z", hours: 23 });
    expect(span("tomorrow morning", saturday)).toEqual({ from: "2027-03-14", start: "2027-03-14T08:00:00.000Z", end: "2027-03-14T19:00:00.000Z", hours: 11 });
  });

  it("today, said in the night of spring-forward after 3:00, is that Sunday", () => {
    expect(span("today", { timeZone: la, now: Date.parse("2027-03-14T10:30:00Z") })).toMatchObject({ from: "2027-03-14", hours: 23 });
  });

  it("tomorrow, said the day before fall-back in Los Angeles, lasts 25 hours", () => {
    const saturday = { timeZone: la, now: Date.parse("2027-11-06T19:00:00Z") };
    expect(span("tomorrow", saturday)).toEqual({ from: "2027-11-07", start: "2027-11-07T07:00:00.000Z", end: "2027-11-08T08:00:00.000Z", hours: 25 });
    expect(span("tomorrow evening", saturday)).toEqual({ from: "2027-11-07", start: "2027-11-08T01:00:00.000Z", end: "2027-11-08T08:00:00.000Z", hours: 7 });
  });

  it("el domingo, said in Madrid at 23:30 the night before the clocks go forward, is the next day and lasts 23 hours", () => {
    const saturdayNight = { timeZone: "Europe/Madrid", now: Date.parse("2027-03-27T22:30:00Z") };
    expect(span("mañana", saturdayNight)).toEqual({ from: "2027-03-28", start: "2027-03-27T23:00:00.000Z", end: "2027-03-28T22:00:00.000Z", hours: 23 });
    expect(span("el domingo", saturdayNight)).toMatchObject({ from: "2027-03-28" });
    expect(span("el domingo que viene", saturdayNight)).toMatchObject({ from: "2027-03-28" });
  });

  it("next Sunday, said on the Sunday of fall-back, is a week ahead", () => {
    expect(span("next Sunday", { timeZone: la, now: Date.parse("2027-11-07T09:30:00Z") })).toMatchObject({ from: "2027-11-14", hours: 24 });
    expect(span("Sunday", { timeZone: la, now: Date.parse("2027-11-07T09:30:00Z") })).toMatchObject({ from: "2027-11-07", hours: 25 });
  });
});
