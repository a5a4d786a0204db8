import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenantId } from "../app/demo/seed";
import type { Person } from "../testing/accounts";
import { startPhoneHarness, type PhoneHarness } from "../testing/phone-harness";

const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(size - 9, 0x20)]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe("porting a number in", () => {
  let h: PhoneHarness;
  let operator: Person;

  beforeAll(async () => {
    h = await startPhoneHarness({ FRONTDESK_ADMIN_EMAILS: "ops@frontdesk.example" });
    operator = await h.signUp("ops@frontdesk.example", "Olu Ops");
  }, 60_000);
  afterAll(() => h?.stop());

  const statusesOf = (request: { history: { status: string; actor: string }[] }) => request.history.map((e) => `${e.status} by ${e.actor}`);

  it("tracks a request from its Letter of Authorization to completion, each step kept, and holds the number meanwhile", async () => {
    const opened = await h.demo("numbers.requestPorting", { phoneNumber: "+13125550142", currentCarrier: "Old Telco", accountNumber: "ACC-991", pin: "4321" }, true);
    expect(opened, JSON.stringify(opened)).toMatchObject({ status: 200, data: { e164: "+13125550142", status: "draft", hasLetterOfAuthorization: false } });
    const requestId = opened.data.id as string;
    const held = ((await h.demo("numbers.list", {})).data as { id: string; e164: string; status: string }[]).find((n) => n.e164 === "+13125550142");
    expect(held).toMatchObject({ status: "porting" });
    // Held: nobody buys it meanwhile, and it takes no agent.
    expect(await h.demo("numbers.buy", { phoneNumber: "+13125550142" }, true)).toMatchObject({ status: 409, code: "NUMBER_TAKEN" });
    expect(await h.demo("numbers.update", { numberId: held!.id, status: "active" }, true)).toMatchObject({ status: 409, code: "INVALID_TRANSITION" });

    const letter = pdf(2048);
    const uploaded = await h.rest("POST", `/porting/${requestId}/letter`, { contentType: "application/pdf", data: letter.toString("base64") });
    expect(uploaded).toMatchObject({ status: 200, body: { status: "submitted", hasLetterOfAuthorization: true } });
    expect(uploaded.body.history.at(-1).note).toBe("Letter of Authorization uploaded (PDF, 2 kB). Submitted for review.");

    expect(await operator.call("operators.setPortingStatus", { businessId: demoTenantId, requestId, status: "completed" }, { mutation: true })).toMatchObject({
      status: 409,
      code: "INVALID_TRANSITION",
    });
    for (const status of ["in_review", "approved", "completed"]) {
      const moved = await operator.call("operators.setPortingStatus", { businessId: demoTenantId, requestId, status, note: `Now ${status}` }, { mutation: true });
      expect(moved, JSON.stringify(moved)).toMatchObject({ status: 200, data: { status } });
    }
    const done = await h.demo("numbers.portingRequest", { requestId });
    expect(statusesOf(done.data)).toEqual(["draft by staff", "submitted by staff", "in_review by operator", "approved by operator", "completed by operator"]);
    expect(done.data.history.at(-1).note).toBe("Now completed");
    const stored = await operator.call("operators.letterOfAuthorization", { businessId: demoTenantId, requestId });
    expect(stored).toMatchObject({ status: 200, data: { contentType: "application/pdf", data: letter.toString("base64") } });

    // The port completed: the number arrived in the Twilio account, went onto the SIP trunk and into Retell.
    const ported = (await h.demo("numbers.get", { numberId: held!.id })).data;
    expect(ported).toMatchObject({ status: "inactive", e164: "+13125550142", setup: "wired" });
    const history = (await h.demo("numbers.history", { numberId: held!.id })).data as { status: string; note: string }[];
    expect(history.map((e) => e.note)).toEqual([
      "Porting in from Old Telco.",
      "Ported in.",
      expect.stringMatching(/^Found in the Twilio account \(PN[0-9a-f]{32}\) after the port, put on the SIP trunk\.$/),
      "Imported into Retell over the SIP trunk.",
    ]);
    const atTwilio = [...h.twilio.state.accounts.values()].flatMap((account) => account.numbers).find((n) => n.phoneNumber === "+13125550142");
    expect(atTwilio).toMatchObject({ friendlyName: `Frontdesk ${held!.id}`, trunkSid: expect.stringMatching(/^TK/) });
    const imported = h.retell.requests.filter((request) => request.method === "POST" && request.path.startsWith("/import-phone-number"));
    expect(imported).toHaveLength(1);
    expect(h.retell.workspace(imported[0]!.key).numbers.get("+13125550142")).toMatchObject({ phone_number_type: "custom" });
    // Wired, it waits only for an agent, as a bought number does.
    expect(await h.demo("numbers.update", { numberId: held!.id, status: "active" }, true)).toMatchObject({ status: 400, message: "Bind an agent before activating the number." });
    expect(await h.demo("numbers.cancelPorting", { requestId }, true)).toMatchObject({ status: 409, code: "INVALID_TRANSITION" });
  });

  it("lets operators suspend a number, which then answers nobody, and reinstate it", async () => {
    const numberId = ((await h.demo("numbers.list", {})).data as { id: string; e164: string }[]).find((n) => n.e164 === "+13125550142")!.id;
    const suspended = await operator.call("operators.suspendNumber", { businessId: demoTenantId, numberId, note: "Unpaid bill" }, { mutation: true });
    expect(suspended).toMatchObject({ status: 200, data: { status: "suspended", agentId: null } });
    expect(await h.demo("numbers.update", { numberId, status: "active" }, true)).toMatchObject({ status: 409, code: "INVALID_TRANSITION" });
    expect(await operator.call("operators.suspendNumber", { businessId: demoTenantId, numberId }, { mutation: true })).toMatchObject({ status: 409, code: "INVALID_TRANSITION" });
    expect(await operator.call("operators.reinstateNumber", { businessId: demoTenantId, numberId }, { mutation: true })).toMatchObject({ status: 200, data: { status: "inactive" } });
    const history = (await h.demo("numbers.history", { numberId })).data as { status: string; actor: string; note: string }[];
    expect(history.slice(-2)).toEqual([
      expect.objectContaining({ status: "suspended", actor: "operator", note: "Unpaid bill" }),
      expect.objectContaining({ status: "inactive", actor: "operator", note: "Reinstated." }),
    ]);
    expect(await h.demo("numbers.update", { numberId, nickname: "Ported line" }, true)).toMatchObject({ status: 200, data: { nickname: "Ported line" } });
  });

  it("takes only a PDF or image of at most 700 kB, checked by its bytes", async () => {
    const opened = await h.demo("numbers.requestPorting", { phoneNumber: "+13125550143", currentCarrier: "Old Telco", accountNumber: "ACC-992" }, true);
    const requestId = opened.data.id as string;
    const upload = (contentType: string, data: string) => h.demo("numbers.uploadLetterOfAuthorization", { requestId, contentType, data }, true);
    expect(await upload("application/pdf", png.toString("base64"))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "data" });
    expect(await upload("application/pdf", "not base64!")).toMatchObject({ status: 400, field: "data" });
    expect(await upload("text/plain", "aGVsbG8=")).toMatchObject({ status: 400, field: "contentType" });
    expect(await upload("application/pdf", pdf(710 * 1024).toString("base64"))).toMatchObject({ status: 400, field: "data", message: "Upload a file of at most 700 kB." });
    expect((await h.demo("numbers.portingRequest", { requestId })).data).toMatchObject({ status: "draft", hasLetterOfAuthorization: false });
    expect(await upload("image/png", png.toString("base64"))).toMatchObject({ status: 200, data: { status: "submitted", hasLetterOfAuthorization: true } });
  });

  it("lets the business cancel, which lets the number go; only operators move a request on", async () => {
    const opened = await h.demo("numbers.requestPorting", { phoneNumber: "+13125550144", currentCarrier: "Old Telco", accountNumber: "ACC-993" }, true);
    const requestId = opened.data.id as string;
    const owner = await h.signUp("owner@elsewhere.example", "Else Owner");
    await owner.call("accounts.createBusiness", { name: "Elsewhere", timeZone: "UTC" }, { mutation: true });
    expect(await owner.call("operators.setPortingStatus", { businessId: demoTenantId, requestId, status: "in_review" }, { mutation: true })).toMatchObject({ status: 403, code: "ROLE_NOT_ALLOWED" });
    expect(await owner.call("numbers.portingRequest", { requestId })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await owner.call("numbers.cancelPorting", { requestId }, { mutation: true })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await owner.call("numbers.requestPorting", { phoneNumber: "+13125550144", currentCarrier: "X", accountNumber: "1" }, { mutation: true })).toMatchObject({ status: 409, code: "NUMBER_TAKEN" });

    const cancelled = await h.demo("numbers.cancelPorting", { requestId }, true);
    expect(cancelled).toMatchObject({ status: 200, data: { status: "cancelled" } });
    expect(statusesOf(cancelled.data)).toEqual(["draft by staff", "cancelled by staff"]);
    expect(((await h.demo("numbers.list", {})).data as { e164: string }[]).map((n) => n.e164)).not.toContain("+13125550144");
    // Let go: another business may now port it (or buy it).
    expect(await owner.call("numbers.requestPorting", { phoneNumber: "+13125550144", currentCarrier: "X", accountNumber: "1" }, { mutation: true })).toMatchObject({ status: 200 });
    const list = await operator.call("operators.portingRequests", { businessId: demoTenantId });
    expect((list.data as { e164: string; status: string }[]).map((r) => `${r.e164} ${r.status}`).sort()).toEqual(["+13125550142 completed", "+13125550143 submitted", "+13125550144 cancelled"]);
  });
});
