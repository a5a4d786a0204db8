// `<script type="module" src="…/widgets/calls.js">` or `import()` from a vendor's app: <fd-call-log> and <fd-call-detail>.
import "../module-namespace";
export * from "@frontdesk/widget-calls";
