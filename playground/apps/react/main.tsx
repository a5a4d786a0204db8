import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BookingPage } from "./booking-page";

const root = document.getElementById("root")!;
createRoot(root).render(
  <StrictMode>
    <BookingPage publishableKey={root.dataset.publishableKey!} />
  </StrictMode>,
);
