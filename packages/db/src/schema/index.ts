export * from "./tenants";
export * from "./catalog";
export * from "./schedules";
export * from "./appointments";
export * from "./notifications";
export * from "./jobs";
export * from "./embed-sessions";
