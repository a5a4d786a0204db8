import type { ReactiveControllerHost } from "lit";
import { msg } from "@lit/localize";
import { initialState, Task, TaskStatus } from "@lit/task";
import {
  FrontdeskClientError,
  type AppointmentSummary,
  type Catalog,
  type CreateBookingInput,
  type FrontdeskClient,
  type Hold,
} from "@frontdesk/client";
import { commonErrorTexts, errorText, SlotPickerController, type Slot } from "@frontdesk/ui";
import { detailsFieldOf, emptyDetails, validateDetails, type CustomerDetails, type DetailsErrors } from "./details";
import type { Service, Step } from "./booking.steps";
import { HoldController } from "./hold-controller";

/** The fields the element's `name`, `email` and `phone` attributes prefill. */
export const prefilled = ["name", "email", "phone"] as const;

/** Why the customer was sent back to an earlier step, or why a submission failed. */
export interface Notice {
  step: Step;
  text: string;
  retry?: () => void;
}

/** What the booking flow reads from the element around it, and tells it. */
export interface BookingFlowOptions {
  client: () => FrontdeskClient | undefined;
  /** The element's `service` and `staff` attributes. */
  preset: () => { service: string | undefined; staff: string | undefined };
  /** The element's `name`, `email` and `phone` attributes. */
  prefill: () => Pick<CustomerDetails, (typeof prefilled)[number]>;
  /** The zone times are shown in until the customer picks one. */
  defaultZone: () => string;
  locale: () => string;
  /** Focus the element with this id once the next render is on screen. */
  focus: (id: string) => void;
  /** The appointment was booked (or requested): the flow is on the confirmation step. */
  booked: (appointment: AppointmentSummary) => void;
}

// <fd-booking> talks to a business through its key, so a missing one means the business, not a link.
const bookingErrorTexts = { ...commonErrorTexts, NOT_FOUND: () => msg("This business does not take bookings online any more.") };

/** The text a person reads for a failed request of the booking flow. */
export const errorMessage = (error: unknown) => errorText(error, bookingErrorTexts);

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; a page served over plain http still has getRandomValues.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The booking flow behind `<fd-booking>`: the catalogue, the step the customer is on and what they chose, the time
 * held for them, their details, and the submission that books it, with what each failure sends them back to.
 * It needs no lifecycle of its own: the hold, the slot picker and its tasks hook into the host's.
 */
export class BookingFlowController {
  step: Step = "service";
  serviceId: string | undefined;
  /** Undefined: any available staff member. */
  staffId: string | undefined;
  details: CustomerDetails = { ...emptyDetails };
  fieldErrors: DetailsErrors = {};
  notice: Notice | undefined;
  appointment: AppointmentSummary | undefined;

  private submission: { payload: string; key: string } | undefined;
  readonly hold: HoldController;
  readonly catalogTask: Task<readonly [FrontdeskClient | undefined], Catalog>;
  readonly picker: SlotPickerController;
  private readonly bookingTask: Task<readonly [FrontdeskClient, CreateBookingInput, Promise<Hold | undefined> | undefined], AppointmentSummary>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: BookingFlowOptions,
  ) {
    this.hold = new HoldController(host, (error) => this.timeGone(errorMessage(error)));
    this.catalogTask = new Task(host, {
      task: async ([client]: readonly [FrontdeskClient | undefined]) => (client ? client.catalog() : initialState),
      args: () => [options.client()] as const,
      onComplete: (catalog) => this.begin(catalog),
    });
    this.picker = new SlotPickerController(host, {
      load: async (range) => (await options.client()!.availability({ serviceId: this.serviceId!, ...(this.staffId ? { staffId: this.staffId } : {}), ...range })).slots,
      args: () => [options.client(), this.serviceId, this.staffId],
      wanted: () => !!options.client() && !!this.serviceId && ["date", "time", "details"].includes(this.step),
      defaultZone: options.defaultZone,
      locale: options.locale,
      datePicked: () => this.goTo("time"),
      slotPicked: (slot) => this.chooseSlot(slot),
    });
    this.bookingTask = new Task(host, {
      task: async ([client, input, holdRequest]: readonly [FrontdeskClient, CreateBookingInput, Promise<Hold | undefined> | undefined]) => {
        // A customer quicker than the hold request still books with the hold, once it is known.
        const holdId = await this.hold.idFor(holdRequest);
        return client.createBooking({ ...input, ...(holdId ? { holdId } : {}) });
      },
      autoRun: false,
      onComplete: (appointment) => this.booked(appointment),
      onError: (error) => this.bookingFailed(error),
    });
  }

  get catalog(): Catalog | undefined {
    return this.catalogTask.status === TaskStatus.COMPLETE ? this.catalogTask.value : undefined;
  }

  get chosenService(): Service | undefined {
    return this.catalog?.services.find((service) => service.id === this.serviceId);
  }

  get submitting(): boolean {
    return this.bookingTask.status === TaskStatus.PENDING;
  }

  /** The steps this customer goes through, given what the page preselected. */
  steps(catalog = this.catalog): Step[] {
    const preset = this.presets(catalog);
    return (["service", "staff", "date", "time", "details"] as const).filter(
      (step) => !(step === "service" && preset.service) && !(step === "staff" && preset.staff),
    );
  }

  /** The page preselected another service or staff member: start again from the first step. */
  presetChanged(): void {
    if (this.catalog) this.begin(this.catalog);
  }

  /** A prefill attribute changed from `before`; a value the customer has already changed stays theirs. */
  prefillChanged(field: (typeof prefilled)[number], before: string): void {
    if (this.details[field] === before) this.details = { ...this.details, [field]: this.options.prefill()[field] };
    this.host.requestUpdate();
  }

  /** The customer typed in the details form. */
  edit(details: CustomerDetails, errors: DetailsErrors): void {
    this.details = details;
    this.fieldErrors = errors;
    this.host.requestUpdate();
  }

  goTo(step: Step): void {
    if (this.step === "details" && step !== "details" && step !== "confirmation") this.hold.release();
    this.step = step;
    if (this.notice?.step !== step) this.notice = undefined;
    this.options.focus("step-heading");
    this.host.requestUpdate();
  }

  back(): void {
    const steps = this.steps();
    const previous = steps[steps.indexOf(this.step) - 1];
    if (previous) this.goTo(previous);
  }

  chooseService(serviceId: string): void {
    this.serviceId = serviceId;
    this.staffId = this.presets().staff;
    this.picker.reset();
    this.goTo(this.staffId ? "date" : "staff");
  }

  chooseStaff(staffId: string | undefined): void {
    this.staffId = staffId;
    this.picker.reset();
    this.goTo("date");
  }

  restart(): void {
    this.appointment = undefined;
    this.details = { ...emptyDetails, ...this.options.prefill() };
    if (this.catalog) this.begin(this.catalog);
    this.options.focus("step-heading");
    this.host.requestUpdate();
  }

  /** The dialog closed: the customer's progress stays, the time held for them does not. */
  paused(): void {
    if (this.step === "details") this.goTo("time");
    this.hold.release();
  }

  submit(event?: Event): void {
    event?.preventDefault();
    const client = this.options.client();
    const slot = this.picker.slot;
    if (!client || !this.serviceId || !slot || this.bookingTask.status === TaskStatus.PENDING) return;
    this.fieldErrors = validateDetails(this.details);
    this.host.requestUpdate();
    const firstInvalid = (["name", "email", "phone", "notes"] as const).find((field) => this.fieldErrors[field]);
    if (firstInvalid) {
      this.notice = undefined;
      this.options.focus(`field-${firstInvalid}`);
      return;
    }
    const { name, email, phone, notes } = this.details;
    const input: CreateBookingInput = {
      serviceId: this.serviceId,
      ...(this.staffId ? { staffId: this.staffId } : {}),
      start: slot.start,
      customer: { name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      customerTimeZone: this.picker.zone,
      locale: this.options.locale(),
    };
    // Resubmitting for the same time — a retry after a lost connection, even with a corrected typo — reuses the
    // key, so the server answers with the booking it may already have made instead of making a second one.
    const payload = JSON.stringify([input.serviceId, input.staffId, input.start]);
    if (this.submission?.payload !== payload) this.submission = { payload, key: newIdempotencyKey() };
    this.notice = undefined;
    void this.bookingTask.run([client, { ...input, idempotencyKey: this.submission.key }, this.hold.request]);
  }

  /** The `service` attribute if it names a service, and the `staff` attribute if they offer the chosen service. */
  private presets(catalog = this.catalog): { service?: string; staff?: string } {
    const attributes = this.options.preset();
    const service = catalog?.services.find((candidate) => candidate.id === attributes.service)?.id;
    const chosen = catalog?.services.find((candidate) => candidate.id === (this.serviceId ?? service));
    const staff = attributes.staff && chosen?.staffIds.includes(attributes.staff) ? attributes.staff : undefined;
    return { ...(service ? { service } : {}), ...(staff ? { staff } : {}) };
  }

  // Runs from the catalog task's onComplete, before `this.catalog` is set, so it is handed the catalog.
  private begin(catalog: Catalog): void {
    this.hold.release();
    this.serviceId = undefined;
    const preset = this.presets(catalog);
    this.serviceId = preset.service;
    this.staffId = preset.staff;
    this.picker.reset();
    this.notice = undefined;
    this.step = this.steps(catalog)[0] ?? "service";
    this.host.requestUpdate();
  }

  private chooseSlot(slot: Slot): void {
    this.fieldErrors = {};
    this.goTo("details");
    const client = this.options.client();
    if (!client || !this.serviceId) return;
    const input = { serviceId: this.serviceId, ...(this.staffId ? { staffId: this.staffId } : {}), start: slot.start };
    this.hold.place(client, input, this.catalog?.business.holdMinutes);
  }

  /** The chosen time went to someone else: back to the times, saying so. */
  private timeGone(text: string): void {
    this.picker.clearSlot();
    this.notice = { step: "time", text };
    this.goTo("time");
    this.picker.reload();
  }

  private booked(appointment: AppointmentSummary): void {
    this.submission = undefined;
    this.hold.forget();
    this.appointment = appointment;
    this.goTo("confirmation");
    this.options.booked(appointment);
  }

  private bookingFailed(error: unknown): void {
    const text = errorMessage(error);
    this.host.requestUpdate();
    if (!(error instanceof FrontdeskClientError)) {
      this.notice = { step: "details", text, retry: () => this.submit() };
      return;
    }
    const field = detailsFieldOf(error.field);
    if (error.code === "VALIDATION_FAILED" && field) {
      this.fieldErrors = { ...this.fieldErrors, [field]: text };
      this.options.focus(`field-${field}`);
    } else if (error.code === "SLOT_TAKEN" || error.code === "HOLD_EXPIRED" || error.field === "start") {
      this.timeGone(text);
    } else if (error.code === "NETWORK" || error.code === "INTERNAL") {
      this.notice = { step: "details", text, retry: () => this.submit() };
    } else {
      this.notice = { step: "details", text };
    }
  }
}
