// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdApiKeys } from "./api-keys";

if (!customElements.get("fd-api-keys")) customElements.define("fd-api-keys", FdApiKeys);

export { FdApiKeys };
