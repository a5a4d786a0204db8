// `<script type="module" src="…/widgets/sign-in.js">` or `import()` from a vendor's app: <fd-sign-in>, <fd-account>, <fd-back-office>.
import "../module-namespace";
export * from "@frontdesk/widget-sign-in";
