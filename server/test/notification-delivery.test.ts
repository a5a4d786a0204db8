import { afterEach, describe, expect, it } from "vitest";
import type { NotificationKind } from "@frontdesk/core";
import { notifications, tenants } from "@frontdesk/db";
import { smtpMessenger } from "@frontdesk/email-smtp";
import { startFakeSmtpServer, type FakeSmtpServer } from "@frontdesk/email-smtp/testing";
import { rowsOf, updateRows } from "@frontdesk/db/testing";
import { startTestApp, type TestApp } from "../testing/app-harness";

const start = Date.parse("2026-12-01T14:00:00Z");
let smtp: FakeSmtpServer;
let t: TestApp;

async function setUp(options: Parameters<typeof startFakeSmtpServer>[0] = {}) {
  smtp = await startFakeSmtpServer(options);
  t = await startTestApp({ start, messenger: smtpMessenger(smtp.url, { from: "BrightSmile Dental <bookings@brightsmile.example>" }) });
  // A real business, not a sandbox: its messages leave through SMTP.
  await t.app.config.updatePolicies(t.tenantId, { replyToEmail: "desk@brightsmile.example" });
  await updateRows(t.db, tenants, { sandbox: false });
}

afterEach(async () => {
  await t?.close();
  await smtp?.close();
});

async function bookConsultation(email = "ada@example.com") {
  const day = new Date(start + 3 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await t.app.booking.availability(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", from: day, to: day });
  return t.app.booking.create(await t.tenant(), { serviceId: "svc_consult", staffId: "stf_patel", start: slots[0]!.start, customer: { name: "Ada", email } });
}

async function statusOf(kind: NotificationKind) {
  const rows = await rowsOf(t.db, notifications, { kind });
  return rows[0]!;
}

describe("email delivery over SMTP", () => {
  it("sends the confirmation with a calendar file and a manage link", async () => {
    await setUp();
    await bookConsultation();
    const mail = await smtp.waitFor((m) => /confirmed/i.test(m.subject));
    expect(mail.envelope.to).toEqual(["ada@example.com"]);
    expect(mail.text).toMatch(/http:\/\/frontdesk\.test\/manage\?token=apt_/);
    expect(mail.attachments.map((a) => a.contentType)).toContainEqual(expect.stringMatching(/^text\/calendar; ?method=REQUEST/));
    await t.app.notifications.settled();
    expect(await statusOf("confirmation")).toMatchObject({ status: "sent", transport: "smtp", attempts: 1 });
  });

  it("retries a temporary refusal later, and then delivers", async () => {
    await setUp({ failNext: 1 });
    await bookConsultation();
    await t.app.notifications.settled();
    expect(await statusOf("confirmation")).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: start + 60_000 });
    t.clock.advance(60_000);
    expect(await t.app.notifications.deliverDue()).toMatchObject({ sent: 1 });
    expect(await statusOf("confirmation")).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.messages).toHaveLength(1);
  });

  it("gives up at once on a permanent refusal", async () => {
    await setUp({ rejectRecipients: /nobody@/ });
    await bookConsultation("nobody@example.com");
    await t.app.notifications.settled();
    const row = await statusOf("confirmation");
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toMatch(/550|rejected/i);
  });
});
