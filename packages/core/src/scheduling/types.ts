/** A calendar date in the business's zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** A wall-clock range on one day, in minutes after local midnight: 9:00–12:30 is `{ start: 540, end: 750 }`. */
export interface MinuteRange {
  start: number;
  end: number;
}

/** Weekday index as in `Date#getUTCDay()`: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** An interval between two UTC instants in epoch milliseconds, end exclusive. */
export interface Interval {
  start: number;
  end: number;
}

export interface StaffAvailability {
  staffId: string;
  /** Regular hours: several ranges per weekday (a lunch break is the gap between two ranges). */
  weekly: Partial<Record<Weekday, MinuteRange[]>>;
  /** Dates whose hours replace the weekly ones; an empty list means the day off. */
  overrides: Record<LocalDate, MinuteRange[]>;
  /** Time off and anything else that makes this person busy, including existing appointments with their buffers. */
  busy: Interval[];
}

export interface ServiceTiming {
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
}

export interface BookingPolicy {
  /** Earliest bookable start, in minutes after `now`. */
  minNoticeMin: number;
  /** Latest bookable start, in days after `now`. */
  horizonDays: number;
  /** Distance between offered starts, counted from the start of each working range. */
  slotIntervalMin: number;
}

export interface SlotQuery {
  /** The business's IANA zone: every wall-clock value above is read in it. */
  timeZone: string;
  /** First and last local date to search, inclusive. */
  from: LocalDate;
  to: LocalDate;
  now: number;
  service: ServiceTiming;
  policy: BookingPolicy;
  /** Closed days for the whole business. */
  holidays: LocalDate[];
  /** Staff who perform the service (one entry when the customer picked someone). */
  staff: StaffAvailability[];
}

export interface Slot {
  /** UTC instants, epoch ms. */
  start: number;
  end: number;
  /** Who is free for this slot, in the order given. Never empty. */
  staffIds: string[];
}
