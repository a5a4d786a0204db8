// Every procedure's input and output, by domain; the server declares them and the widgets and client share them.
export * from "./common";
export * from "./booking";
export * from "./manage";
export * from "./config";
export * from "./staff";
export * from "./sandbox";
export * from "./principals";
export * from "./keys";
export * from "./accounts";
export * from "./audit";
export * from "./customers";
export * from "./webhooks";
export * from "./sessions";
