import { useState } from "react";
import type { FdBookingEvents } from "@frontdesk/elements/react";

type Booking = FdBookingEvents["fd-booking-created"]["detail"];

/** The clinic's booking page as a React 19 app: the element's attributes and its event are typed from the manifest. */
export function BookingPage({ publishableKey }: { publishableKey: string }) {
  const [booking, setBooking] = useState<Booking>();
  return (
    <>
      <header>
        <h1>BrightSmile Dental</h1>
        <p>This page is a React app.</p>
        <nav>
          <a href="/">Home</a> · <a href="/vue/">The Vue page</a>
        </nav>
      </header>
      <main>
        <section>
          <h2>Book a consultation</h2>
          <fd-booking publishable-key={publishableKey} service="svc_consult" theme="light" onfd-booking-created={(event) => setBooking(event.detail)} />
          <p role="status" id="app-booking">
            {booking ? `React received booking ${booking.appointmentId} (${booking.status}), starting ${booking.start}.` : ""}
          </p>
        </section>
      </main>
    </>
  );
}
