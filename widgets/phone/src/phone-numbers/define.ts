// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdPhoneNumbers } from "./phone-numbers";

if (!customElements.get("fd-phone-numbers")) customElements.define("fd-phone-numbers", FdPhoneNumbers);

export { FdPhoneNumbers };
