import { msg, str } from "@lit/localize";
import { FrontdeskClientError } from "@frontdesk/client";
import type { ApprovalKind, ApprovalStatus } from "@frontdesk/core/vocabulary";
import { backOfficeErrorTexts } from "@frontdesk/widget-team/back-office";
import { errorText, type ErrorTexts } from "@frontdesk/ui";

const approvalErrorTexts: ErrorTexts = {
  ...backOfficeErrorTexts,
  INVALID_TRANSITION: () => msg("Someone else decided this one already, or it lapsed. The queue shows it as it is now."),
  NOT_FOUND: () => msg("This approval no longer exists."),
  SLOT_TAKEN: () => msg("That time was just booked by someone else. Pick another time."),
  VALIDATION_FAILED: (error) =>
    error.field === "reason" ? msg("Say why, for the customer.") : error.field?.startsWith("edited") ? msg("Pick a valid date and time.") : backOfficeErrorTexts.VALIDATION_FAILED(error),
};

export const approvalErrorMessage = (error: unknown): string => errorText(error, approvalErrorTexts);

/** A bulk decision's error, as the other calls' errors are told. */
export const bulkErrorMessage = (error: { code: string; message: string }): string =>
  approvalErrorMessage(new FrontdeskClientError(error.code as FrontdeskClientError["code"], error.message, undefined, 409));

export function kindLabel(kind: ApprovalKind): string {
  switch (kind) {
    case "book":
      return msg("New booking");
    case "reschedule":
      return msg("Move an appointment");
    case "cancel":
      return msg("Cancellation");
    case "message":
      return msg("Message");
  }
}

export function statusLabel(status: ApprovalStatus): string {
  switch (status) {
    case "pending":
      return msg("Waiting");
    case "approved":
      return msg("Approved");
    case "rejected":
      return msg("Rejected");
    case "expired":
      return msg("Lapsed");
    case "failed":
      return msg("Failed");
  }
}

/** The tabs' names: what is waiting, and each kind of decided. */
export function viewLabel(status: ApprovalStatus): string {
  return status === "pending" ? msg("Waiting for you") : statusLabel(status);
}

export const selectLabel = (customer: string, kind: string): string => msg(str`Select: ${kind}, ${customer}`);
