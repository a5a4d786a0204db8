import { z } from "zod";
import { instantSchema, localDateSchema, timeZoneSchema } from "./common";
import { multiLineText, singleLineText } from "../text";

/** Wall-clock time `HH:MM`, 00:00–24:00, as minutes after midnight. */
export const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use a time like 09:00 or 17:30.")
  .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3)));

export const timeRange = z
  .object({ start: clockTime, end: clockTime })
  .refine((range) => range.end > range.start, { message: "The end must be after the start.", path: ["end"] });

/** Ranges on one day: each valid, none overlapping (touching is fine: 9–12 and 12–17). */
export const dayRanges = z.array(timeRange).max(12).superRefine((ranges, ctx) => {
  const order = ranges.map((range, index) => ({ ...range, index })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < order.length; i++) {
    if (order[i]!.start < order[i - 1]!.end) {
      ctx.addIssue({ code: "custom", message: "These hours overlap another range on the same day.", path: [order[i]!.index, "start"] });
    }
  }
});

export const weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type WeekdayName = (typeof weekdayNames)[number];

/** Weekly hours by day name; a missing day is closed. */
export const weeklyHours = z.partialRecord(z.enum(weekdayNames), dayRanges);

const minutes = (max: number) => z.number().int("Use whole minutes.").min(0).max(max);
/** A list of ids; repeats are dropped. */
const idList = z.array(z.string().min(1)).max(500).transform((ids) => [...new Set(ids)]);
const optionalLimit = z.number().int().min(1).max(1000).nullable().optional();
const origin = z.string().refine((value) => value === "*" || /^https?:\/\/[^/\s]+$/.test(value), "Use an origin like https://clinic.example (no path), or *.");

export const serviceConfig = z.object({
  id: z.string().min(1).max(64).optional(),
  name: singleLineText().min(1, "Give the service a name.").max(120),
  /** What callers may call it besides its name, in any language: the phone agent understands and says them. */
  otherNames: z.array(singleLineText().min(1, "An other name cannot be empty.").max(60)).max(10, "Give at most 10 other names.").default([]),
  description: multiLineText().max(1000).default(""),
  durationMin: z.number().int().min(5, "At least 5 minutes.").max(1440),
  bufferBeforeMin: minutes(240).default(0),
  bufferAfterMin: minutes(240).default(0),
  priceCents: z.number().int().min(0).nullable().default(null),
  currency: z.string().regex(/^[A-Z]{3}$/, "Use a three-letter currency code such as USD.").default("USD"),
  capacity: z.number().int().min(1).max(500).default(1),
  requiresApproval: z.boolean().default(false),
  minNoticeMin: minutes(60 * 24 * 60).nullable().optional(),
  horizonDays: z.number().int().min(1).max(730).nullable().optional(),
  slotIntervalMin: z.number().int().min(5).max(240).nullable().optional(),
  maxPerDay: optionalLimit,
  maxPerWeek: optionalLimit,
  staffIds: idList.optional(),
});

export const staffConfig = z.object({
  id: z.string().min(1).max(64).optional(),
  name: singleLineText().min(1, "Give the staff member a name.").max(120),
  title: singleLineText().max(120).default(""),
  email: z.email().nullable().optional(),
  maxPerDay: optionalLimit,
  maxPerWeek: optionalLimit,
  serviceIds: idList.optional(),
});

/** How much of the customer an appointment's calendar event shows (see docs/calendar-sync.md). */
export const calendarEventDetailLevels = ["name", "full", "none"] as const;
export type CalendarEventDetails = (typeof calendarEventDetailLevels)[number];

export const businessPolicies = z
  .object({
    name: singleLineText().min(1, "Give the business a name.").max(120),
    timeZone: timeZoneSchema,
    minNoticeMin: minutes(60 * 24 * 60),
    horizonDays: z.number().int().min(1).max(730),
    slotIntervalMin: z.number().int().min(5).max(240),
    startOffsetMin: minutes(240),
    assignmentPolicy: z.enum(["least_busy", "round_robin"]),
    holdMinutes: z.number().int().min(1).max(60),
    webRequiresApproval: z.boolean(),
    phoneRequiresApproval: z.boolean(),
    pendingExpiryHours: z.number().int().min(1).max(24 * 14),
    cancellationNoticeHours: z.number().int().min(0).max(24 * 30),
    reminderHours: z.number().int().min(1).max(24 * 14),
    manageUrl: z.url({ protocol: /^https?$/, message: "Use the full address of the page, starting with https://." }).nullable(),
    replyToEmail: z.email().nullable(),
    /** What events in staff calendars and feeds tell about the customer: `name`, `full` (name, e-mail, phone, notes) or `none`. */
    calendarEventDetails: z.enum(calendarEventDetailLevels),
  })
  .partial();

export const locationConfig = z.object({
  id: z.string().min(1).max(64).optional(),
  name: singleLineText().min(1, "Name the location.").max(120),
  address: multiLineText().max(300).default(""),
});

export const dateOverrideConfig = z.object({ staffId: z.string().min(1), date: localDateSchema, ranges: dayRanges });
export const timeOffConfig = z
  .object({ staffId: z.string().min(1), start: instantSchema, end: instantSchema, reason: singleLineText().max(200).default("") })
  .refine((value) => Date.parse(value.end) > Date.parse(value.start), { message: "The end must be after the start.", path: ["end"] });
export const holidayConfig = z.object({
  date: localDateSchema,
  name: singleLineText().min(1, "Name the holiday.").max(120),
  /** Empty or absent: closed all day. Otherwise the special opening hours. */
  ranges: dayRanges.default([]),
});
export const publishableKeyConfig = z.object({ allowedOrigins: z.array(origin).min(1, "List at least one origin, or *.") });


const configId = z.object({ id: z.string().min(1) });
export const archiveServiceInput = configId;
export const archiveStaffInput = configId;
export const removeLocationInput = configId;
export const removeTimeOffInput = configId;
export const staffHoursInput = z.object({ staffId: z.string().min(1), hours: weeklyHours, locationId: z.string().min(1).optional() });
export const businessHoursInput = z.object({ hours: weeklyHours, locationId: z.string().min(1).optional() });
export const clearDateOverrideInput = z.object({ staffId: z.string().min(1), date: localDateSchema });
export const removeHolidayInput = z.object({ date: localDateSchema });
export const revokePublishableKeyInput = z.object({ key: z.string().min(1) });
export const publishableKeyOutput = z.object({ key: z.string() });

// What `config.get` answers: the shapes the setters take, with times as `HH:MM` and instants as ISO strings.
const clockRange = z.object({ start: z.string(), end: z.string() });
const weeklyHoursOutput = z.partialRecord(z.enum(weekdayNames), z.array(clockRange));
const datedRanges = z.object({ date: z.string(), ranges: z.array(clockRange) });
const nullableCount = z.number().int().nullable();

export const configOutput = z.object({
  business: z.object({
    name: z.string(),
    timeZone: z.string(),
    sandbox: z.boolean(),
    minNoticeMin: z.number().int(),
    horizonDays: z.number().int(),
    slotIntervalMin: z.number().int(),
    startOffsetMin: z.number().int(),
    assignmentPolicy: z.enum(["least_busy", "round_robin"]),
    holdMinutes: z.number().int(),
    webRequiresApproval: z.boolean(),
    phoneRequiresApproval: z.boolean(),
    pendingExpiryHours: z.number().int(),
    cancellationNoticeHours: z.number().int(),
    reminderHours: z.number().int(),
    manageUrl: z.string().nullable(),
    replyToEmail: z.string().nullable(),
    calendarEventDetails: z.enum(calendarEventDetailLevels),
  }),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      otherNames: z.array(z.string()),
      description: z.string(),
      durationMin: z.number().int(),
      bufferBeforeMin: z.number().int(),
      bufferAfterMin: z.number().int(),
      priceCents: nullableCount,
      currency: z.string(),
      capacity: z.number().int(),
      requiresApproval: z.boolean(),
      minNoticeMin: nullableCount,
      horizonDays: nullableCount,
      slotIntervalMin: nullableCount,
      maxPerDay: nullableCount,
      maxPerWeek: nullableCount,
      position: z.number().int(),
      active: z.boolean(),
      staffIds: z.array(z.string()),
    }),
  ),
  staff: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      email: z.string().nullable(),
      maxPerDay: nullableCount,
      maxPerWeek: nullableCount,
      position: z.number().int(),
      active: z.boolean(),
      serviceIds: z.array(z.string()),
      hours: weeklyHoursOutput,
      hoursByLocation: z.array(z.object({ locationId: z.string(), hours: weeklyHoursOutput })),
      dateOverrides: z.array(datedRanges),
      timeOff: z.array(z.object({ id: z.string(), start: z.string(), end: z.string(), reason: z.string() })),
    }),
  ),
  businessHours: weeklyHoursOutput,
  locations: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), position: z.number().int(), businessHours: weeklyHoursOutput })),
  holidays: z.array(datedRanges.extend({ name: z.string() })),
  publishableKeys: z.array(z.object({ key: z.string(), allowedOrigins: z.array(z.string()), revoked: z.boolean() })),
}).meta({ id: "Configuration" });
export type BusinessConfig = z.infer<typeof configOutput>;
