import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { msg, str } from "@lit/localize";
import { FrontdeskClientError, type FrontdeskClient, type Hold, type HoldInput } from "@frontdesk/client";
import { icon } from "@frontdesk/ui";

/** A time kept for the customer while they type their details. */
interface HeldTime {
  id: string;
  /** Epoch ms on this browser's clock. */
  deadline: number;
}

/**
 * The time held for the customer on the details step: asks the server for it, counts down, says so to
 * screen readers at the start, with a minute left and when it lapses, and gives it back when not needed.
 */
export class HoldController implements ReactiveController {
  /** The latest hold request; an answer to an older one is released on arrival. */
  request: Promise<Hold | undefined> | undefined;
  private held: HeldTime | undefined;
  private lapsed = false;
  private announcement = "";
  private now = Date.now();
  private clock: ReturnType<typeof setInterval> | undefined;
  private warnedOfLastMinute = false;
  private client: FrontdeskClient | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The time went to someone else before it could be held. */
    private readonly onTaken: (error: FrontdeskClientError) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.release();
  }

  /** The hold id to book with, if the answer to the latest request is the time still held. */
  async idFor(request: Promise<Hold | undefined> | undefined): Promise<string | undefined> {
    const hold = await request;
    return hold && this.held?.id === hold.holdId ? hold.holdId : undefined;
  }

  place(client: FrontdeskClient, input: HoldInput, holdMinutes: number | undefined): void {
    this.release();
    this.client = client;
    const sentAt = Date.now();
    const request: Promise<Hold | undefined> = client.hold(input).then(
      (hold) => {
        if (this.request !== request) {
          void client.releaseHold(hold.holdId).catch(() => undefined);
          return undefined;
        }
        // Counted on this browser's clock from when the request left, so a skewed clock cannot lengthen it.
        const deadline = holdMinutes ? sentAt + holdMinutes * 60_000 : Date.parse(hold.expiresAt);
        this.held = { id: hold.holdId, deadline };
        this.lapsed = false;
        this.warnedOfLastMinute = false;
        this.now = Date.now();
        const minutes = Math.max(1, Math.round((deadline - this.now) / 60_000));
        this.announcement =
          minutes === 1 ? msg("We're holding this time for you for 1 minute.") : msg(str`We're holding this time for you for ${minutes} minutes.`);
        clearInterval(this.clock);
        this.clock = setInterval(() => this.tick(), 1000);
        this.host.requestUpdate();
        return hold;
      },
      (error: unknown) => {
        if (this.request !== request) return undefined;
        if (error instanceof FrontdeskClientError && (error.code === "SLOT_TAKEN" || error.code === "HOLD_EXPIRED")) this.onTaken(error);
        // Without a hold the customer can still book: the server checks the time again then.
        return undefined;
      },
    );
    this.request = request;
  }

  /** Gives the held time back to other customers. */
  release(): void {
    const held = this.held;
    this.request = undefined;
    this.forget();
    if (held && this.client) void this.client.releaseHold(held.id).catch(() => undefined);
  }

  /** The hold became the booking: nothing is left to release. */
  forget(): void {
    clearInterval(this.clock);
    this.clock = undefined;
    this.held = undefined;
    this.lapsed = false;
    this.announcement = "";
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const held = this.held;
    const text = this.lapsed
      ? msg("We're no longer holding this time. You can still book it if no one else has.")
      : msg(str`We're holding this time for you: ${countdown((held?.deadline ?? this.now) - this.now)}`);
    // The visible countdown stays silent; the status line after it speaks at the start, at one minute, and at the end.
    return html`${held
        ? html`<p class="hold ${this.lapsed ? "lapsed" : ""}" part="hold" role="timer" aria-live="off">
            ${icon("M10 5.5V10l3 2M17 10a7 7 0 1 1-14 0 7 7 0 0 1 14 0Z")}<span>${text}</span>
          </p>`
        : nothing}
      <p class="fd-sr-only" role="status" aria-live="polite">${this.announcement}</p>`;
  }

  private tick(): void {
    this.now = Date.now();
    const left = (this.held?.deadline ?? this.now) - this.now;
    if (this.held && left <= 0) {
      clearInterval(this.clock);
      this.lapsed = true;
      this.announcement = msg("We're no longer holding this time. You can still book it if no one else has.");
    } else if (this.held && left <= 60_000 && !this.warnedOfLastMinute) {
      this.warnedOfLastMinute = true;
      this.announcement = msg("1 minute left to finish your booking.");
    }
    this.host.requestUpdate();
  }
}

/** Milliseconds as `m:ss`, never below zero. */
function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
