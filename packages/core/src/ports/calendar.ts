/**
 * The calendar port: a staff member's external calendar (Google Calendar, Microsoft 365). A first, minimal shape
 * for the adapters to come: busy times flow in so availability respects them, appointments flow out as events.
 * Changes are pushed to us as verified webhooks; `watch` asks for them.
 */

/** Which calendar of which account: the adapter's tokens live with the connection, not in this port. */
export interface CalendarConnection {
  /** Our id for the connected account, from which the adapter finds its (refreshed) access token. */
  connectionId: string;
  /** The provider's calendar id, e.g. `primary`. */
  calendarId: string;
}

export interface BusyInterval {
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
}

export interface CalendarEvent {
  /** Stable for the appointment's whole life, so a retried write updates instead of duplicating. */
  appointmentId: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  summary: string;
  description: string;
}

export interface CalendarProvider {
  /** A short name for logs and stored rows, e.g. `google`, `microsoft`, `sandbox`. */
  readonly name: string;
  /** Busy times in [from, to), epoch ms. */
  busyTimes(connection: CalendarConnection, range: { from: number; to: number }): Promise<BusyInterval[]>;
  /** Creates or updates the appointment's event; returns the provider's id for it. */
  upsertEvent(connection: CalendarConnection, event: CalendarEvent): Promise<{ providerEventId: string }>;
  /** Deleting an event already deleted succeeds. */
  deleteEvent(connection: CalendarConnection, providerEventId: string): Promise<void>;
  /** Asks the provider to push changes to `webhookUrl` until `expiresAt` (epoch ms); renew before then. */
  watch(connection: CalendarConnection, webhookUrl: string): Promise<{ channelId: string; expiresAt: number }>;
}
