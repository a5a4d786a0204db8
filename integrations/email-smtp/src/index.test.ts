import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { icsForAppointment, MessageRejected, type OutgoingMessage } from "@frontdesk/core";
import { messageIdFor, smtpMessenger } from "./index";
import { startFakeSmtpServer, type FakeSmtpServer } from "./testing/fake-smtp";

const start = Date.UTC(2026, 2, 16, 13, 30);
const ics = icsForAppointment({
  uid: "apt_1@frontdesk",
  sequence: 0,
  method: "REQUEST",
  start,
  end: start + 30 * 60_000,
  summary: "Corte de pelo — Peluquería Bella",
  description: "Con Sam; trae tu tarjeta, por favor.",
  organizer: { name: "Peluquería Bella", email: "citas@bella.test" },
  attendee: { name: "Ana García", email: "ana@example.test" },
  now: start - 86_400_000,
});

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: "email",
    to: "ana@example.test",
    subject: "Confirmada: Corte de pelo en Peluquería Bella ✂️ el lun, 16 mar, 14:30",
    text: "Hola, Ana:\n\nTu cita está confirmada. ¡Hasta pronto!\n",
    html: "<p>Hola, Ana:</p><p>Tu cita está <b>confirmada</b>.</p>",
    replyTo: "citas@bella.test",
    idempotencyKey: "ntf_01HZX",
    attachments: [{ filename: "appointment.ics", contentType: "text/calendar; method=REQUEST", content: ics }],
    ...overrides,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<MessageRejected> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MessageRejected);
  return error as MessageRejected;
}

let smtp: FakeSmtpServer | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe("smtpMessenger", () => {
  it("delivers subject, text, html and the calendar file over SMTP", async () => {
    smtp = await startFakeSmtpServer();
    const messenger = smtpMessenger(smtp.url, { from: '"Peluquería Bella" <citas@bella.test>' });
    const sent = await messenger.send(message());

    const mail = await smtp.waitFor((m) => m.envelope.to.includes("ana@example.test"));
    expect(mail.envelope.from).toBe("citas@bella.test");
    expect(mail.subject).toBe("Confirmada: Corte de pelo en Peluquería Bella ✂️ el lun, 16 mar, 14:30");
    expect(mail.text?.trim()).toBe("Hola, Ana:\n\nTu cita está confirmada. ¡Hasta pronto!");
    expect(mail.html).toBe("<p>Hola, Ana:</p><p>Tu cita está <b>confirmada</b>.</p>");
    expect(mail.headers["reply-to"]).toBe("citas@bella.test");
    expect(mail.headers["auto-submitted"]).toBe("auto-generated");
    const [attachment] = mail.attachments;
    expect(mail.attachments).toHaveLength(1);
    expect(attachment?.filename).toBe("appointment.ics");
    expect(attachment?.contentType).toMatch(/^text\/calendar; method=REQUEST; charset=UTF-8\b/);
    expect(attachment?.content).toBe(ics);
    expect(sent.providerMessageId).toBe(mail.messageId);
    expect(messenger.transport).toBe("smtp");
  });

  it("logs in with the percent-encoded credentials in the URL", async () => {
    smtp = await startFakeSmtpServer();
    await smtpMessenger(smtp.url.replace("smtp://", "smtp://citas%40bella.test:s3cret@"), { from: "citas@bella.test" }).send(message());
    expect((await smtp.waitFor(() => true)).user).toBe("citas@bella.test");
  });

  it("sends a retried message with the same Message-ID, derived from the idempotency key", async () => {
    smtp = await startFakeSmtpServer();
    const messenger = smtpMessenger(smtp.url, { from: "citas@bella.test" });
    await messenger.send(message());
    await messenger.send(message());
    await messenger.send(message({ idempotencyKey: "ntf_other" }));
    const ids = smtp.messages.map((m) => m.messageId);
    expect(ids[0]).toBe("<ntf_01HZX@bella.test>");
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe("<ntf_other@bella.test>");
  });

  it("lets a message's own sender override the default", async () => {
    smtp = await startFakeSmtpServer();
    await smtpMessenger(smtp.url, { from: "default@frontdesk.test" }).send(message({ from: "citas@bella.test" }));
    expect((await smtp.waitFor(() => true)).envelope.from).toBe("citas@bella.test");
  });

  it("reports a recipient refused with 550 as a permanent rejection", async () => {
    smtp = await startFakeSmtpServer({ rejectRecipients: /^nobody@/ });
    const rejection = await rejectionOf(smtpMessenger(smtp.url, { from: "citas@bella.test" }).send(message({ to: "nobody@example.test" })));
    expect(rejection.permanent).toBe(true);
    expect(rejection.providerCode).toBe(550);
    expect(smtp.messages).toHaveLength(0);
  });

  it("reports a 451 as transient, and the retry goes through", async () => {
    smtp = await startFakeSmtpServer({ failNext: 1 });
    const messenger = smtpMessenger(smtp.url, { from: "citas@bella.test" });
    const rejection = await rejectionOf(messenger.send(message()));
    expect(rejection.permanent).toBe(false);
    expect(rejection.providerCode).toBe(451);
    expect(smtp.deferred()).toBe(1);

    await messenger.send(message());
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.messageId).toBe("<ntf_01HZX@bella.test>");
  });

  it("reports an unreachable server as transient", async () => {
    // A port that was just free and is closed again: nothing listens there.
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const rejection = await rejectionOf(smtpMessenger(`smtp://127.0.0.1:${port}`, { from: "citas@bella.test" }).send(message()));
    expect(rejection.permanent).toBe(false);
    expect(rejection.providerCode).toBe("ESOCKET");
  });

  it("refuses a recipient that is not a single email address, without connecting", async () => {
    smtp = await startFakeSmtpServer();
    const messenger = smtpMessenger(smtp.url, { from: "citas@bella.test" });
    for (const to of ["ana", "ana@example.test, eve@example.test", '"Ana" <ana@example.test>', ""]) {
      expect((await rejectionOf(messenger.send(message({ to })))).permanent).toBe(true);
    }
    expect(smtp.messages).toHaveLength(0);
  });

  it("refuses SMS permanently: that needs an SMS provider", async () => {
    const rejection = await rejectionOf(smtpMessenger("smtp://127.0.0.1:1", { from: "citas@bella.test" }).send(message({ channel: "sms", to: "+14155550100" })));
    expect(rejection.permanent).toBe(true);
    expect(rejection.message).toMatch(/SMS provider/);
  });

  it("asks for a sender when none is configured, as something a retry can get past", async () => {
    const rejection = await rejectionOf(smtpMessenger("smtp://127.0.0.1:1").send(message()));
    expect(rejection.permanent).toBe(false);
    expect(rejection.message).toMatch(/SMTP_FROM/);
  });
});

describe("messageIdFor", () => {
  it("keeps any key a valid, distinct Message-ID", () => {
    expect(messageIdFor("ntf_1", '"Bella" <citas@bella.test>')).toBe("<ntf_1@bella.test>");
    expect(messageIdFor("a b.c(d)@e", "citas@bella.test")).toBe("<a%20b%2Ec%28d%29%40e@bella.test>");
    expect(messageIdFor("a.b", "x@y.test")).not.toBe(messageIdFor("a-b", "x@y.test"));
  });
});
