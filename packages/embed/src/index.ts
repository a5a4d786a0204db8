export type { FrontdeskNamespace } from "./namespace";
