import { createFrontdeskAdminClient, type FrontdeskClient } from "@frontdesk/client";

export interface BookedWithLink {
  token: string;
  appointmentId: string;
  start: string;
}

/**
 * Books the first demo consultation on or after the server's today plus `daysAhead` (by default well outside the change window)
 * for a customer who booked from `customerTimeZone`, and returns the token from the manage link in their confirmation, read from
 * the sandbox outbox with the demo's secret key.
 */
export async function bookAndGetToken(
  server: { url: string; now(): number; demoSecretKey: string },
  client: FrontdeskClient,
  name: string,
  { daysAhead = 3, customerTimeZone = "America/Chicago" }: { daysAhead?: number; customerTimeZone?: string } = {},
): Promise<BookedWithLink> {
  const admin = createFrontdeskAdminClient({ baseUrl: server.url, secretKey: server.demoSecretKey });
  const day = 86_400_000;
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const from = isoDate(server.now() + daysAhead * day);
  const { slots } = await client.availability({ serviceId: "svc_consult", from, to: isoDate(server.now() + (daysAhead + 9) * day) });
  const slot = slots[0]!;
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.com`;
  const appointment = await client.createBooking({ serviceId: "svc_consult", start: slot.start, customer: { name, email }, customerTimeZone });
  for (let attempt = 0; attempt < 100; attempt++) {
    const message = (await admin.sandbox.outbox.query()).find((candidate) => candidate.recipient === email && /[?&]token=/.test(candidate.text));
    const token = message && /[?&]token=([^\s&"<>]+)/.exec(message.text)?.[1];
    if (token) return { token: decodeURIComponent(token), appointmentId: appointment.id, start: appointment.start };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No confirmation with a manage link reached the outbox for ${email}`);
}
