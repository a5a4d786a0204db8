// `<script type="module" src="…/widgets/calls.js">` or `import()` from a vendor's app: <fd-call-log>, <fd-call-detail> and <fd-approvals>.
import "../module-namespace";
export * from "@frontdesk/widget-calls";
