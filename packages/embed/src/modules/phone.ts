// `<script type="module" src="…/widgets/phone.js">` or `import()` from a vendor's app: <fd-phone-numbers> and <fd-agents>.
import "../module-namespace";
export * from "@frontdesk/widget-phone";
