// The ports: what the server needs from the outside world. Each integration implements one, with a fake for sandbox mode.
export * from "./messenger";
export * from "./telephony";
export * from "./voice-agent";
export * from "./calendar";
export * from "./provider-errors";
