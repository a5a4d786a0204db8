export * from "./errors";
export * from "./scheduling/types";
export * from "./scheduling/slots";
export * from "./scheduling/zone";
export * from "./schemas";
