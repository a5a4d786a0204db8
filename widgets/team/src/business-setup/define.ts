// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdBusinessSetup } from "./business-setup";

if (!customElements.get("fd-business-setup")) customElements.define("fd-business-setup", FdBusinessSetup);

export { FdBusinessSetup };
