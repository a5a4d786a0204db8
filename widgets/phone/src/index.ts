// The staff widgets that set up the phone line: the business's numbers and its phone agents.
export { FdPhoneNumbers } from "./phone-numbers/define";
export type { NumberChangedDetail } from "./phone-numbers/phone-numbers";
export { FdAgents } from "./agents/define";
export type { AgentChangedDetail, AgentPublishedDetail } from "./agents/agents";
