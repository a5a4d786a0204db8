// The staff widgets of the phone line: the call log, one call, and the approval queue.
export { FdApprovals } from "./approvals/define";
export { FdCallDetail } from "./call-detail/define";
export { FdCallLog } from "./call-log/define";
export type { CallFilter } from "./call-log/call-log";
export type { ApprovalDecidedDetail, CallOpenDetail } from "./events";
