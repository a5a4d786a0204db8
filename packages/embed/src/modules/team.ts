// `<script type="module" src="…/widgets/team.js">` or `import()` from a vendor's app: <fd-business-setup>, <fd-team>, <fd-api-keys> and <fd-calendar-connections>.
import "../module-namespace";
export * from "@frontdesk/widget-team";
