import { createApp } from "vue";
import BookingPage from "./BookingPage.vue";

const root = document.getElementById("app")!;
createApp(BookingPage, { publishableKey: root.dataset.publishableKey! }).mount(root);
