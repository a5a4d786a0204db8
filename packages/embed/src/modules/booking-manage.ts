// `<script type="module" src="…/widgets/booking-manage.js">` or `import()` from a vendor's app.
import "../module-namespace";
export * from "@frontdesk/widget-booking-manage";
