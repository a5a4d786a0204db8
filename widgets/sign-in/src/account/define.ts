// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdAccount } from "./account";

if (!customElements.get("fd-account")) customElements.define("fd-account", FdAccount);

export { FdAccount };
