// The staff widgets of the phone line: the call log, one call, and the approval queue.
export { FdCallLog } from "./call-log/define";
export { FdCallDetail } from "./call-detail/define";
export type { CallFilter, CallOpenDetail } from "./call-log/call-log";
export type { ApprovalDecidedDetail } from "./call-detail/call-detail";
