// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdAgents } from "./agents";

if (!customElements.get("fd-agents")) customElements.define("fd-agents", FdAgents);

export { FdAgents };
