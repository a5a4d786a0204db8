import { msg, str } from "@lit/localize";
import type { AgentStatus, ApprovalKind, ApprovalStatus, CallDirection, CallIntent, CallOutcome, CallStatus, ToolInvocationStatus } from "@frontdesk/core/vocabulary";
import { commonErrorTexts, errorText, type ErrorTexts } from "@frontdesk/ui";
import { backOfficeErrorTexts } from "@frontdesk/widget-team/back-office";

/** The words the call widgets share for the call log's vocabulary, in the widget's language. */

export function directionLabel(direction: CallDirection): string {
  return direction === "inbound" ? msg("Incoming") : msg("Outgoing");
}

export function outcomeLabel(outcome: CallOutcome): string {
  switch (outcome) {
    case "successful":
      return msg("Handled");
    case "escalated":
      return msg("Passed to a person");
    case "failed":
      return msg("Not handled");
  }
}

export function intentLabel(intent: CallIntent): string {
  switch (intent) {
    case "book":
      return msg("Book");
    case "reschedule":
      return msg("Reschedule");
    case "cancel":
      return msg("Cancel");
    case "question":
      return msg("Question");
    case "message":
      return msg("Message");
    case "escalate":
      return msg("Ask for a person");
    case "other":
      return msg("Other");
  }
}

export function callStatusLabel(status: CallStatus): string {
  switch (status) {
    case "registered":
      return msg("Ringing");
    case "not_connected":
      return msg("Not connected");
    case "ongoing":
      return msg("In progress");
    case "ended":
      return msg("Ended");
    case "error":
      return msg("Failed");
  }
}

export function agentStatusLabel(status: AgentStatus): string {
  switch (status) {
    case "inactive":
      return msg("Off");
    case "active":
      return msg("Answering");
    case "paused":
      return msg("Paused");
    case "error":
      return msg("Needs attention");
  }
}

export function toolStatusLabel(status: ToolInvocationStatus): string {
  switch (status) {
    case "running":
      return msg("Running");
    case "done":
      return msg("Done");
    case "failed":
      return msg("Failed");
  }
}

export function approvalKindLabel(kind: ApprovalKind): string {
  switch (kind) {
    case "book":
      return msg("New appointment");
    case "reschedule":
      return msg("Move an appointment");
    case "cancel":
      return msg("Cancel an appointment");
    case "message":
      return msg("Message to the caller");
  }
}

export function approvalStatusLabel(status: ApprovalStatus): string {
  switch (status) {
    case "pending":
      return msg("Waiting for a decision");
    case "approved":
      return msg("Approved");
    case "rejected":
      return msg("Rejected");
    case "expired":
      return msg("Expired");
    case "failed":
      return msg("Could not be done");
  }
}

/** "3:07", "1:02:05": a length of time as a clock reads it. */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A length of time a screen reader says in words: "3 min 7 s". */
export function spokenDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? msg(str`${minutes} min ${seconds} s`) : msg(str`${seconds} s`);
}

export const callErrorTexts: ErrorTexts = {
  ...commonErrorTexts,
  ...backOfficeErrorTexts,
  ROLE_NOT_ALLOWED: () => msg("Your role does not allow this. Ask an owner or admin."),
  MISSING_SCOPE: () => msg("This session may not do this. Ask for a session that includes it."),
  NOT_FOUND: () => msg("That call or approval is no longer there."),
  INVALID_TRANSITION: () => msg("This was decided already, or has expired. The call now shows where it stands."),
  SLOT_TAKEN: () => msg("That time was taken meanwhile. Reject this one with a reason, and the caller is told."),
  VALIDATION_FAILED: () => msg("Something you entered is not valid. Check it and try again."),
};

export const callErrorMessage = (error: unknown): string => errorText(error, callErrorTexts);
