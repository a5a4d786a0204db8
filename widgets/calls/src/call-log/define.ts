// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdCallLog } from "./call-log";

if (!customElements.get("fd-call-log")) customElements.define("fd-call-log", FdCallLog);

export { FdCallLog };
