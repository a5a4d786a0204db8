// `<script type="module" src="…/widgets/team.js">` or `import()` from a vendor's app: <fd-business-setup> and <fd-team>.
import "../module-namespace";
export * from "@frontdesk/widget-team";
