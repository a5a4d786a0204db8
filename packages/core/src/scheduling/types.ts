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

/** A range of a staff member's weekly hours: tied to one location, or to none, which makes it valid at every location. */
export interface WorkingRange extends MinuteRange {
  locationId?: string | null;
}

export interface StaffAvailability {
  staffId: string;
  /**
   * Regular hours: several ranges per weekday (a lunch break is the gap between two ranges). Ranges
   * that overlap or touch are one stretch of work at each location, untied ranges counting at all.
   */
  weekly: Partial<Record<Weekday, WorkingRange[]>>;
  /** Dates whose hours replace the weekly ones; an empty list means the day off. */
  overrides: Record<LocalDate, MinuteRange[]>;
  /**
   * Everything that makes this person busy: time off, external calendar events, and existing appointments
   * with their buffers — except the seats of group sessions of the queried service, which go in `seats`.
   */
  busy: Interval[];
  /** Group sessions of the queried service this person already runs: start instant → seats taken. */
  seats?: Map<number, number>;
  /** Booking limits for this person, with the counts already booked. */
  limits?: BookingLimits;
}

/** At most `perDay` bookings on a local date and `perWeek` in a week starting Monday (see `weekStartOf`). */
export interface BookingLimits {
  perDay?: number | null;
  perWeek?: number | null;
  /** Bookings already counted, by local date. */
  bookedByDay: Record<LocalDate, number>;
  /** Bookings already counted, by the local date of the week's Monday. */
  bookedByWeek: Record<LocalDate, number>;
}

/** Opening hours of the business: staff hours are bookable only inside them. */
export interface BusinessHours {
  weekly: Partial<Record<Weekday, MinuteRange[]>>;
  /** Holidays with special hours: these ranges replace the weekly ones on that date. */
  special: Record<LocalDate, MinuteRange[]>;
}

export interface ServiceTiming {
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  /** Seats per session (default 1). */
  capacity?: number;
  /** Limits for this service across all staff. */
  limits?: BookingLimits;
}

export interface BookingPolicy {
  /** Earliest bookable start, in minutes after `now`. */
  minNoticeMin: number;
  /** Bookable starts run to the end of the local date this many days after today (0: today only). */
  horizonDays: number;
  /** Distance between offered starts, counted from the start of each working range. */
  slotIntervalMin: number;
  /** The grid starts this many minutes after the start of each working range (default 0). */
  startOffsetMin?: number;
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
  /** Opening hours; absent means staff hours alone decide. */
  businessHours?: BusinessHours;
  /** Staff who perform the service (one entry when the customer picked someone). */
  staff: StaffAvailability[];
}

export interface Slot {
  /** UTC instants, epoch ms. */
  start: number;
  end: number;
  /** Who is free for this slot, in the order given. Never empty. */
  staffIds: string[];
  /** For services with capacity above 1: the most seats still free with any listed staff member. */
  seatsLeft?: number;
}

export type AssignmentPolicy = "least_busy" | "round_robin";

/** What the assignment policy weighs for each candidate. */
export interface AssignmentStats {
  /** Minutes already booked on the slot's local date. */
  bookedMinutesThatDay: number;
  /** When this person last received a policy-assigned booking (epoch ms), or null if never. */
  lastAssignedAt: number | null;
}
