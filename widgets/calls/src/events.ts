import type { ApprovalStatus } from "@frontdesk/core/vocabulary";

/** `detail` of the `fd-approval-decided` event, from `<fd-approvals>` and `<fd-call-detail>`. */
export interface ApprovalDecidedDetail {
  approvalId: string;
  /** The call the approval came from; null for a booking made on the website. */
  callId: string | null;
  /** What the decision made of it: `approved`, `rejected`, or `failed` when the action could no longer be done. */
  status: ApprovalStatus;
}

/** `detail` of the `fd-call-open` event: the call chosen in `<fd-call-log>`, or the one an approval came from. */
export interface CallOpenDetail {
  callId: string;
}
