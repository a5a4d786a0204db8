// Defined first, so a widget inside an <fd-provider> finds it when it connects.
import "@frontdesk/ui/provider/define";
import { FdApprovals } from "./approvals";

if (!customElements.get("fd-approvals")) customElements.define("fd-approvals", FdApprovals);

export { FdApprovals };
