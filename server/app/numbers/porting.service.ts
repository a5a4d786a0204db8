import type { z } from "zod";
import { FrontdeskError, type letterOfAuthorizationInput, type PortingStatus, type portingRequestInput } from "@frontdesk/core";
import { parsePhoneNumber } from "@frontdesk/core/phone";
import { forTenant, randomId, type Db, type PortingRequest, type Tenant, type TenantWriteScope } from "@frontdesk/db";
import type { PhoneConnections } from "../phone/connections";
import type { Actor, NumbersService } from "./numbers.service";

/** Where signed Letters of Authorization are kept: Nitro's `documents` storage mount (any unstorage driver). */
export interface DocumentStore {
  setItemRaw(key: string, value: Uint8Array): Promise<void>;
  getItemRaw(key: string): Promise<unknown>;
  removeItem(key: string): Promise<void>;
}

/** A store in this process's memory: for the services' own tests. */
export function memoryDocuments(): DocumentStore {
  const items = new Map<string, Uint8Array>();
  return {
    setItemRaw: async (key, value) => void items.set(key, value),
    getItemRaw: async (key) => items.get(key) ?? null,
    removeItem: async (key) => void items.delete(key),
  };
}

export const maxLetterBytes = 700 * 1024;

const kinds = {
  "application/pdf": { ext: "pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  "image/png": { ext: "png", magic: [0x89, 0x50, 0x4e, 0x47] },
  "image/jpeg": { ext: "jpg", magic: [0xff, 0xd8, 0xff] },
} as const;
type LetterType = keyof typeof kinds;

/** Where a request may go next, and who may move it there: the business only cancels, operators do the rest. */
const next: Record<PortingStatus, { to: PortingStatus; by: Actor[] }[]> = {
  draft: [{ to: "submitted", by: ["system"] }, { to: "cancelled", by: ["staff", "operator"] }],
  submitted: [{ to: "in_review", by: ["operator"] }, { to: "rejected", by: ["operator"] }, { to: "cancelled", by: ["staff", "operator"] }],
  in_review: [{ to: "approved", by: ["operator"] }, { to: "rejected", by: ["operator"] }, { to: "cancelled", by: ["staff", "operator"] }],
  approved: [{ to: "completed", by: ["operator"] }, { to: "rejected", by: ["operator"] }, { to: "cancelled", by: ["staff", "operator"] }],
  rejected: [],
  completed: [],
  cancelled: [],
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Porting a business's existing number in: a tracked request, never a fake success. The number is held for the
 * business (status `porting`) while the request runs; the signed Letter of Authorization goes to the `documents`
 * store and submits the request; operators move it on (in review, approved, completed or rejected), each step kept.
 * Completed, the number is the business's (`inactive`, to be wired); rejected or cancelled, the hold is let go.
 */
export function portingService(deps: { db: Db; now: () => number; phone: PhoneConnections; documents: DocumentStore; numbers: Pick<NumbersService, "buy"> }) {
  const { db, now, documents } = deps;
  const writing = <T>(tenantId: string, work: (scope: TenantWriteScope) => Promise<T>) => db.write((writer) => work(forTenant(writer, tenantId)));

  async function present(tenantId: string, request: PortingRequest) {
    const events = await forTenant(db, tenantId).portingRequestEvents(request.id);
    return {
      id: request.id,
      e164: request.e164,
      currentCarrier: request.currentCarrier,
      status: request.status,
      hasLetterOfAuthorization: request.loaDocumentKey !== null,
      history: events.map((e) => ({ at: iso(e.at), status: e.status, note: e.note, actor: e.actor })),
      createdAt: iso(request.createdAt),
    };
  }

  async function own(tenantId: string, requestId: string): Promise<PortingRequest> {
    const request = await forTenant(db, tenantId).portingRequest(requestId);
    if (!request) throw new FrontdeskError("NOT_FOUND", "This business has no porting request with that id.", { field: "requestId" });
    return request;
  }

  /** Moves the request (and the number it holds) to `status`, if `actor` may. */
  async function move(tenantId: string, requestId: string, status: PortingStatus, actor: Actor, note: string) {
    const request = await own(tenantId, requestId);
    if (!next[request.status].some((step) => step.to === status && step.by.includes(actor))) {
      throw new FrontdeskError("INVALID_TRANSITION", `A ${request.status.replace("_", " ")} porting request cannot become ${status.replace("_", " ")}${actor === "staff" ? " by the business" : ""}.`, {
        field: "status",
      });
    }
    const at = now();
    await writing(tenantId, async (scope) => {
      await scope.updatePortingRequest(requestId, { status, updatedAt: at });
      await scope.recordPortingEvent({ id: randomId("pre"), requestId, at, status, note, actor });
      const held = (await scope.phoneNumbers(["porting"])).find((row) => row.e164 === request.e164);
      if (!held || !["completed", "rejected", "cancelled"].includes(status)) return;
      const numberStatus = status === "completed" ? "inactive" : "released";
      await scope.updatePhoneNumber(held.id, { status: numberStatus, updatedAt: at, ...(numberStatus === "released" ? { releasedAt: at } : { boughtAt: at }) });
      await scope.recordPhoneNumberEvent({ id: randomId("pne"), numberId: held.id, at, status: numberStatus, actor, note: status === "completed" ? "Ported in." : `Porting ${status}.` });
    });
    if (status === "completed") await wirePorted(tenantId, request.e164);
    return present(tenantId, await own(tenantId, requestId));
  }

  /**
   * A completed port's number goes onto the SIP trunk and to Retell, as a bought one does. A failure (the carrier
   * not showing the number yet) is kept in the number's history, and buying the number again finishes it.
   */
  async function wirePorted(tenantId: string, e164: string): Promise<void> {
    const tenant = await forTenant(db, tenantId).tenant();
    if (!tenant) return;
    await deps.numbers.buy(tenant, { phoneNumber: e164, carrier: "twilio" }).catch((error: unknown) => {
      console.warn(`The ported number ${e164} is not wired to Retell yet:`, error instanceof Error ? error.message : error);
    });
  }

  return {
    async list(tenant: Tenant) {
      const requests = await forTenant(db, tenant.id).portingRequests();
      return Promise.all(requests.map((request) => present(tenant.id, request)));
    },

    get: async (tenant: Tenant, requestId: string) => present(tenant.id, await own(tenant.id, requestId)),

    /** Opens the request and holds the number for the business: NUMBER_TAKEN when it is live anywhere already. */
    async request(tenant: Tenant, input: z.output<typeof portingRequestInput>) {
      const parsed = parsePhoneNumber(input.phoneNumber, { field: "phoneNumber" });
      if (!parsed.country) throw new FrontdeskError("VALIDATION_FAILED", "That number belongs to no country.", { field: "phoneNumber" });
      const at = now();
      const request = await writing(tenant.id, async (scope) => {
        const held = await scope.addPhoneNumber({
          id: randomId("num"),
          e164: parsed.e164,
          country: parsed.country!,
          type: parsed.type === "toll_free" ? "toll_free" : parsed.type === "mobile" ? "mobile" : "local",
          carrier: "twilio",
          status: "porting",
          capabilities: { voice: true, sms: false, mms: false },
          createdAt: at,
          updatedAt: at,
        });
        await scope.recordPhoneNumberEvent({ id: randomId("pne"), numberId: held.id, at, status: "porting", actor: "staff", note: `Porting in from ${input.currentCarrier}.` });
        const added = await scope.addPortingRequest({
          id: randomId("prt"),
          e164: parsed.e164,
          currentCarrier: input.currentCarrier,
          accountNumberSealed: deps.phone.seal(input.accountNumber),
          pinSealed: input.pin ? deps.phone.seal(input.pin) : null,
          status: "draft",
          createdAt: at,
          updatedAt: at,
        });
        await scope.recordPortingEvent({ id: randomId("pre"), requestId: added.id, at, status: "draft", note: "Requested; waiting for the signed Letter of Authorization.", actor: "staff" });
        return added;
      });
      return present(tenant.id, request);
    },

    /** Stores the signed letter (PDF, PNG or JPEG, checked by its bytes) and, for a draft, submits the request. */
    async uploadLetter(tenant: Tenant, input: z.output<typeof letterOfAuthorizationInput>) {
      const request = await own(tenant.id, input.requestId);
      if (!["draft", "submitted", "in_review"].includes(request.status)) {
        throw new FrontdeskError("INVALID_TRANSITION", `This porting request is ${request.status.replace("_", " ")}: its letter can no longer change.`, { field: "requestId" });
      }
      const bytes = decodeBase64(input.data);
      if (bytes.length > maxLetterBytes) throw new FrontdeskError("VALIDATION_FAILED", "Upload a file of at most 700 kB.", { field: "data" });
      const kind = kinds[input.contentType as LetterType];
      if (!kind.magic.every((byte, i) => bytes[i] === byte)) {
        throw new FrontdeskError("VALIDATION_FAILED", `That file is not a ${kind.ext.toUpperCase()}: upload the signed letter as a PDF, PNG or JPEG.`, { field: "data" });
      }
      const key = `porting:${tenant.id}:${request.id}:${randomId("loa")}.${kind.ext}`;
      await documents.setItemRaw(key, bytes);
      const at = now();
      const submits = request.status === "draft";
      await writing(tenant.id, async (scope) => {
        await scope.updatePortingRequest(request.id, { loaDocumentKey: key, updatedAt: at, ...(submits ? { status: "submitted" as const } : {}) });
        const note = `Letter of Authorization uploaded (${kind.ext.toUpperCase()}, ${Math.ceil(bytes.length / 1024)} kB).${submits ? " Submitted for review." : ""}`;
        await scope.recordPortingEvent({ id: randomId("pre"), requestId: request.id, at, status: submits ? "submitted" : request.status, note, actor: "staff" });
      });
      if (request.loaDocumentKey) await documents.removeItem(request.loaDocumentKey).catch(() => undefined);
      return present(tenant.id, await own(tenant.id, request.id));
    },

    cancel: (tenant: Tenant, requestId: string, note = "") => move(tenant.id, requestId, "cancelled", "staff", note || "Cancelled by the business."),

    /** Operators (FRONTDESK_ADMIN_EMAILS): a business's requests, each one's letter, and moving them on. */
    operator: {
      async list(businessId: string) {
        const requests = await forTenant(db, businessId).portingRequests();
        return Promise.all(requests.map((request) => present(businessId, request)));
      },
      move: (businessId: string, requestId: string, status: PortingStatus, note = "") => move(businessId, requestId, status, "operator", note),
      async letter(businessId: string, requestId: string) {
        const request = await own(businessId, requestId);
        const stored = request.loaDocumentKey ? await documents.getItemRaw(request.loaDocumentKey) : null;
        if (!stored) throw new FrontdeskError("NOT_FOUND", "This porting request has no Letter of Authorization yet.", { field: "requestId" });
        const ext = request.loaDocumentKey!.split(".").at(-1);
        const contentType = Object.entries(kinds).find(([, kind]) => kind.ext === ext)![0];
        return { contentType, data: Buffer.from(stored as Uint8Array).toString("base64") };
      },
    },
  };
}

export type PortingService = ReturnType<typeof portingService>;

function decodeBase64(data: string): Buffer {
  const compact = data.replace(/\s/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new FrontdeskError("VALIDATION_FAILED", "Send the file base64-encoded.", { field: "data" });
  }
  return Buffer.from(compact, "base64");
}
