// `<script type="module" src="…/widgets/calls.js">` or `import()` from a vendor's app: <fd-approvals>.
import "../module-namespace";
export * from "@frontdesk/widget-calls";
