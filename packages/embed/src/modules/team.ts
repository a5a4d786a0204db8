// `<script type="module" src="…/widgets/team.js">` or `import()` from a vendor's app: <fd-business-setup>, <fd-team> and <fd-api-keys>.
import "../module-namespace";
export * from "@frontdesk/widget-team";
