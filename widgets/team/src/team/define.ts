// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdTeam } from "./team";

if (!customElements.get("fd-team")) customElements.define("fd-team", FdTeam);

export { FdTeam };
