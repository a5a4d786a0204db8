// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdCallDetail } from "./call-detail";

if (!customElements.get("fd-call-detail")) customElements.define("fd-call-detail", FdCallDetail);

export { FdCallDetail };
