// The staff widgets of the phone line: the call log, one call, and the approval queue.
export { FdApprovals } from "./approvals/define";
export type { ApprovalDecidedDetail, CallOpenDetail } from "./approvals/approvals";
