// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdCalendarConnections } from "./calendar-connections";

if (!customElements.get("fd-calendar-connections")) customElements.define("fd-calendar-connections", FdCalendarConnections);

export { FdCalendarConnections };
