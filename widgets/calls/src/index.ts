// The staff widgets of the phone line: the call log, one call, and the approval queue.
export {};
