import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import {
  addDays,
  FrontdeskError,
  localDateOf,
  zonedWallTimeToUtc,
  type AvailableNumber,
  type OwnedPhoneNumber,
  type buyNumberInput,
  type numberSearchInput,
  type numberUsageInput,
  type PhoneNumberRecord,
  type PhoneNumberStatus,
  type updateNumberInput,
} from "@frontdesk/core";
import { parsePhoneNumber } from "@frontdesk/core/phone";
import { forTenant, randomId, type Db, type PhoneNumber, type PhoneNumberPatch, type Tenant, type TenantWriteScope } from "@frontdesk/db";
import type { CarrierLink, PhoneConnections } from "../phone/connections";
import { fromProviderError, withProvider } from "../phone/provider-errors";
import { numberWiring, refusedAsExisting, type AgentPin } from "./wiring";

const releaseTokenMs = 10 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export type Actor = "staff" | "operator" | "system";

export function setupOf(row: PhoneNumber): PhoneNumberRecord["setup"] {
  if (row.retellImported) return "wired";
  return row.carrier === "twilio" && row.twilioSid ? "bought" : "pending";
}

export function presentNumber(row: PhoneNumber, sandbox: boolean): PhoneNumberRecord {
  let display = row.e164;
  try {
    display = parsePhoneNumber(row.e164).national;
  } catch {}
  return {
    id: row.id,
    e164: row.e164,
    display,
    country: row.country,
    type: row.type,
    nickname: row.nickname,
    carrier: row.carrier,
    status: row.status,
    agentId: row.agentId,
    afterHoursAgentId: row.afterHoursAgentId,
    pinnedVersionId: row.pinnedVersionId,
    capabilities: row.capabilities,
    sandbox,
    setup: setupOf(row),
    createdAt: iso(row.createdAt),
  };
}

/**
 * A business's phone numbers (UC019–028): search and buy (through Twilio, wired to Retell over the account's SIP
 * trunk, or through Retell), name, bind agents (pinning their published version), activate, release, and usage.
 * Provider work comes first and the row follows, so a failure leaves the row saying how far it got (`setup`).
 */
export function numbersService(deps: { db: Db; now: () => number; phone: PhoneConnections; publicUrl: string; secret: string }) {
  const { db, now, phone } = deps;
  const wiring = numberWiring(deps);
  const writing = <T>(tenant: Tenant, work: (scope: TenantWriteScope) => Promise<T>) => db.write((writer) => work(forTenant(writer, tenant.id)));
  const event = (scope: TenantWriteScope, numberId: string, status: PhoneNumberStatus, actor: Actor, note: string) =>
    scope.recordPhoneNumberEvent({ id: randomId("pne"), numberId, at: now(), status, actor, note });

  async function sandboxOf(tenant: Tenant): Promise<boolean> {
    if (tenant.sandbox) return true;
    return (await phone.voiceFor(tenant).catch(() => undefined))?.mode === "sandbox";
  }

  async function own(tenant: Tenant, numberId: string): Promise<PhoneNumber> {
    const row = await forTenant(db, tenant.id).phoneNumber(numberId);
    if (!row) throw new FrontdeskError("NOT_FOUND", "This business has no phone number with that id.", { field: "numberId" });
    return row;
  }

  async function change(tenant: Tenant, id: string, patch: PhoneNumberPatch, note?: { status: PhoneNumberStatus; actor: Actor; text: string }): Promise<PhoneNumber> {
    return writing(tenant, async (scope) => {
      const row = await scope.updatePhoneNumber(id, { ...patch, updatedAt: now() });
      if (note) await event(scope, id, note.status, note.actor, note.text);
      return row!;
    });
  }

  const releaseSignature = (tenant: Tenant, numberId: string, expires: number) =>
    createHmac("sha256", deps.secret).update(`release number:${tenant.id}:${numberId}:${expires}`).digest("base64url");

  function confirms(tenant: Tenant, row: PhoneNumber, confirmation: string): boolean {
    if (confirmation.replace(/[\s().-]/g, "") === row.e164) return true;
    const [expires, signature = ""] = confirmation.split(".");
    const expiresAt = Number(expires);
    if (!Number.isSafeInteger(expiresAt) || expiresAt < now()) return false;
    const expected = Buffer.from(releaseSignature(tenant, row.id, expiresAt));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * A ported number, as it arrived in the Twilio account: renamed for its row and put on the trunk. Not there yet
   * (carriers take a while to show a completed port): NOT_FOUND, and trying again later finds it.
   */
  async function arrivedPort(carrier: CarrierLink, e164: string, wanted: { friendlyName: string; trunkId: string }): Promise<OwnedPhoneNumber> {
    let owned = await carrier.telephony.ownedNumber(e164);
    // The bundled fake stands in for the carrier: in the sandbox, a completed port arrives as it completes.
    if (!owned && carrier.sandboxFake) {
      const done = await fetch(`${carrier.sandboxFake.url}/__fake/port-in`, { method: "POST", body: JSON.stringify({ accountSid: carrier.accountSid, phoneNumber: e164 }) });
      if (!done.ok) throw new FrontdeskError("PROVIDER_UNAVAILABLE", `The sandbox carrier could not take the port of ${e164} (${done.status}).`, { field: "phoneNumber" });
      owned = await carrier.telephony.ownedNumber(e164);
    }
    if (!owned) throw new FrontdeskError("NOT_FOUND", `Twilio does not show ${e164} in the account yet. Once the port shows there, buy the number again to finish.`, { field: "phoneNumber" });
    await carrier.telephony.updateNumber(owned.providerNumberId, wanted);
    return { ...owned, trunkId: wanted.trunkId };
  }

  /** Gets the number to Retell with `inbound` bound: imported over the trunk, or bought there; a retry finds what the last try did. */
  async function wireToRetell(tenant: Tenant, row: PhoneNumber, inbound: AgentPin): Promise<void> {
    const voice = await phone.voiceFor(tenant);
    const binding = wiring.binding(row, inbound);
    const reconcile = async (error: unknown) => {
      if (!refusedAsExisting(error)) throw error;
      // Refused: perhaps Retell has it from a try whose answer was lost. If this workspace has it, bind it; else it is someone else's.
      const known = await voice.agent.getNumber(row.e164).catch(() => undefined);
      if (!known) throw error;
      await voice.agent.bindNumber(row.e164, binding);
    };
    if (row.carrier === "twilio") {
      const carrier = await phone.carrierFor(tenant, row.connectionId);
      const trunk = await wiring.trunkFor(tenant, carrier);
      await voice.agent.importNumber(row.e164, trunk, binding).catch(reconcile);
    } else {
      await voice.agent.buyNumber({ country: row.country as "US" | "CA", phoneNumber: row.e164 }, binding).catch(reconcile);
    }
  }

  return {
    async search(tenant: Tenant, query: z.output<typeof numberSearchInput>): Promise<AvailableNumber[]> {
      const carrier = await phone.carrierFor(tenant);
      return withProvider(() =>
        carrier.telephony.searchNumbers({
          country: query.country,
          type: query.type,
          limit: query.limit,
          ...(query.areaCode ? { areaCode: query.areaCode } : {}),
          ...(query.contains ? { contains: query.contains } : {}),
          ...(query.sms !== undefined ? { sms: query.sms } : {}),
        }),
      );
    },

    async list(tenant: Tenant, includeReleased = false): Promise<PhoneNumberRecord[]> {
      const rows = await forTenant(db, tenant.id).phoneNumbers(includeReleased ? ["inactive", "active", "suspended", "porting", "released"] : undefined);
      const sandbox = await sandboxOf(tenant);
      return rows.map((row) => presentNumber(row, sandbox));
    },

    async get(tenant: Tenant, numberId: string): Promise<PhoneNumberRecord> {
      return presentNumber(await own(tenant, numberId), await sandboxOf(tenant));
    },

    async history(tenant: Tenant, numberId: string) {
      await own(tenant, numberId);
      const events = await forTenant(db, tenant.id).phoneNumberEvents(numberId);
      return events.map((e) => ({ at: iso(e.at), status: e.status, actor: e.actor, note: e.note }));
    },

    /**
     * Buys the number and wires it to Retell. Safe to repeat: a purchase the business already started is carried on
     * from where it stopped (nothing bought twice), and one already done answers as it is. A number the business
     * ported in is not bought: once the port completed, it is taken from the Twilio account it arrived in.
     */
    async buy(tenant: Tenant, input: z.output<typeof buyNumberInput>): Promise<PhoneNumberRecord> {
      const parsed = parsePhoneNumber(input.phoneNumber, { field: "phoneNumber" });
      if (!parsed.country) throw new FrontdeskError("VALIDATION_FAILED", "That number belongs to no country; pick a local, mobile or toll-free one.", { field: "phoneNumber" });
      if (input.carrier === "retell" && parsed.country !== "US" && parsed.country !== "CA") {
        throw new FrontdeskError("VALIDATION_FAILED", "Retell sells numbers in the US and Canada only; buy this one through Twilio.", { field: "carrier" });
      }
      const pinned = input.agentId ? await wiring.pinOf(tenant, input.agentId, "agentId") : undefined;
      const existing = (await forTenant(db, tenant.id).phoneNumbers()).find((row) => row.e164 === parsed.e164);
      if (existing && (existing.status === "porting" || existing.carrier !== input.carrier)) {
        throw new FrontdeskError("NUMBER_TAKEN", "This business already has that number (being ported in, or from another seller).", { field: "phoneNumber" });
      }
      // A purchase carried on goes on with the account it started with.
      const carrierLink = input.carrier === "twilio" ? await phone.carrierFor(tenant, existing ? existing.connectionId : undefined) : undefined;
      const voice = await phone.voiceFor(tenant);
      let row =
        existing ??
        (await writing(tenant, async (scope) => {
          const added = await scope.addPhoneNumber({
            id: randomId("num"),
            e164: parsed.e164,
            country: parsed.country!,
            type: parsed.type === "toll_free" ? "toll_free" : parsed.type === "mobile" ? "mobile" : "local",
            nickname: input.nickname ?? "",
            carrier: input.carrier,
            connectionId: input.carrier === "twilio" ? carrierLink!.connectionId : voice.connectionId,
            status: "inactive",
            capabilities: { voice: true, sms: input.carrier === "twilio", mms: false },
            createdAt: now(),
            updatedAt: now(),
          });
          await event(scope, added.id, "inactive", "staff", `Purchase started through ${input.carrier === "twilio" ? "Twilio" : "Retell"}.`);
          return added;
        }));
      if (row.retellImported) return presentNumber(row, await sandboxOf(tenant));
      const ported = row.carrier === "twilio" && (await forTenant(db, tenant.id).portingRequests()).some((request) => request.e164 === row.e164 && request.status === "completed");

      let step = ported ? "taking it from the Twilio account it was ported to" : "buying it";
      try {
        if (row.carrier === "twilio" && !row.twilioSid) {
          const carrier = carrierLink!;
          const trunk = await wiring.trunkFor(tenant, carrier);
          // The name is the row's: a retried purchase is recognised by it at Twilio, and not bought again.
          const friendlyName = `Frontdesk ${row.id}`;
          const owned = ported ? await arrivedPort(carrier, row.e164, { friendlyName, trunkId: trunk.trunkId }) : await carrier.telephony.buyNumber(row.e164, { friendlyName, trunkId: trunk.trunkId });
          const text = ported ? `Found in the Twilio account (${owned.providerNumberId}) after the port, put on the SIP trunk.` : `Bought at Twilio (${owned.providerNumberId}), on the SIP trunk.`;
          row = await change(tenant, row.id, { twilioSid: owned.providerNumberId, boughtAt: row.boughtAt ?? now() }, { status: "inactive", actor: "system", text });
        }
        step = "wiring it to Retell";
        await wireToRetell(tenant, row, pinned?.pin ?? null);
        row = await change(
          tenant,
          row.id,
          { retellImported: true, boughtAt: row.boughtAt ?? now(), ...(pinned ? { agentId: pinned.agentId, pinnedVersionId: pinned.versionId } : {}) },
          { status: row.status, actor: "system", text: row.carrier === "twilio" ? "Imported into Retell over the SIP trunk." : "Bought at Retell." },
        );
      } catch (error) {
        const failure = fromProviderError(error, { field: "phoneNumber" });
        const reason = failure instanceof Error ? failure.message : String(failure);
        // Refused before anything was bought: nothing to carry on, and the number is not held. A failure that may have
        // bought it after all (no answer) keeps the record, so that buying again finds what happened.
        const nothingBought = !ported && setupOf(row) === "pending" && failure instanceof FrontdeskError && failure.code !== "PROVIDER_UNAVAILABLE";
        if (nothingBought) await change(tenant, row.id, { status: "released", releasedAt: now() }, { status: "released", actor: "system", text: `Not bought: ${reason}` });
        else await writing(tenant, (scope) => event(scope, row.id, row.status, "system", `Stopped while ${step}: ${reason} Buying it again carries on from here.`));
        throw failure;
      }
      return presentNumber(row, await sandboxOf(tenant));
    },

    /** Names it, binds or unbinds its agents (pinning their published versions at Retell), activates or deactivates it. */
    async update(tenant: Tenant, input: z.output<typeof updateNumberInput>, actor: Actor = "staff"): Promise<PhoneNumberRecord> {
      const row = await own(tenant, input.numberId);
      if (row.status === "released") throw new FrontdeskError("INVALID_TRANSITION", "This number was released; it can no longer change.", { field: "numberId" });
      const patch: PhoneNumberPatch = {};
      if (input.nickname !== undefined) patch.nickname = input.nickname;
      let pin: AgentPin | undefined;
      if (input.agentId !== undefined) {
        const pinned = input.agentId === null ? null : await wiring.pinOf(tenant, input.agentId, "agentId");
        Object.assign(patch, { agentId: pinned?.agentId ?? null, pinnedVersionId: pinned?.versionId ?? null });
        pin = pinned?.pin ?? null;
      }
      if (input.afterHoursAgentId !== undefined) patch.afterHoursAgentId = input.afterHoursAgentId === null ? null : (await wiring.pinOf(tenant, input.afterHoursAgentId, "afterHoursAgentId")).agentId;
      const changesLine = pin !== undefined || patch.afterHoursAgentId !== undefined || input.status !== undefined;
      if (changesLine && (row.status === "porting" || row.status === "suspended")) {
        throw new FrontdeskError("INVALID_TRANSITION", `This number is ${row.status}: it takes agents and calls once that is over.`, { field: "numberId" });
      }
      const agentId = patch.agentId !== undefined ? patch.agentId : row.agentId;
      const status = input.status ?? (agentId === null && row.status === "active" ? "inactive" : row.status);
      if (status === "active" && agentId === null) throw new FrontdeskError("VALIDATION_FAILED", "Bind an agent before activating the number.", { field: "status" });
      if (status === "active" && !row.retellImported) throw new FrontdeskError("INVALID_TRANSITION", "The number is not wired to Retell yet: buy it again to finish.", { field: "status" });
      if (status !== row.status) patch.status = status;

      if (row.retellImported && (pin !== undefined || patch.nickname !== undefined)) {
        const current = pin !== undefined ? pin : row.agentId ? (await wiring.pinOf(tenant, row.agentId, "agentId")).pin : null;
        const voice = await phone.voiceFor(tenant);
        await withProvider(() => voice.agent.bindNumber(row.e164, wiring.binding({ ...row, nickname: patch.nickname ?? row.nickname }, current)));
      }
      const notes = [
        patch.status ? `Now ${patch.status}.` : "",
        pin !== undefined ? (pin ? `Answered by agent ${patch.agentId} (version ${pin.version}).` : "Agent unbound.") : "",
        patch.afterHoursAgentId !== undefined ? (patch.afterHoursAgentId ? `After hours: agent ${patch.afterHoursAgentId}.` : "No after-hours agent.") : "",
      ].filter(Boolean);
      const updated = await change(tenant, row.id, patch, notes.length ? { status, actor, text: notes.join(" ") } : undefined);
      return presentNumber(updated, await sandboxOf(tenant));
    },

    /**
     * An operator takes a number out of service (abuse, an unpaid bill), or gives it back as `inactive`. Suspended, it
     * answers nobody: its agents are unbound, at Retell too.
     */
    async suspend(businessId: string, numberId: string, suspended: boolean, note = ""): Promise<PhoneNumberRecord> {
      const tenant = await forTenant(db, businessId).tenant();
      if (!tenant) throw new FrontdeskError("NOT_FOUND", "There is no business with that id on this server.", { field: "businessId" });
      const row = await own(tenant, numberId);
      const allowed = suspended ? row.status === "active" || row.status === "inactive" : row.status === "suspended";
      if (!allowed) throw new FrontdeskError("INVALID_TRANSITION", `A ${row.status} number cannot be ${suspended ? "suspended" : "reinstated"}.`, { field: "numberId" });
      if (suspended && row.retellImported) {
        const voice = await phone.voiceFor(tenant);
        await withProvider(() => voice.agent.bindNumber(row.e164, wiring.binding(row, null)));
      }
      const status = suspended ? "suspended" : "inactive";
      const patch: PhoneNumberPatch = suspended ? { status, agentId: null, afterHoursAgentId: null, pinnedVersionId: null } : { status };
      const updated = await change(tenant, row.id, patch, { status, actor: "operator", text: note || (suspended ? "Suspended by the server's operators." : "Reinstated.") });
      return presentNumber(updated, await sandboxOf(tenant));
    },

    releaseToken(tenant: Tenant, row: Pick<PhoneNumber, "id" | "e164">) {
      const expires = now() + releaseTokenMs;
      return { confirmation: `${expires}.${releaseSignature(tenant, row.id, expires)}`, phoneNumber: row.e164, expiresAt: iso(expires) };
    },

    async startRelease(tenant: Tenant, numberId: string) {
      const row = await own(tenant, numberId);
      if (row.status === "released") throw new FrontdeskError("INVALID_TRANSITION", "This number was released already.", { field: "numberId" });
      return this.releaseToken(tenant, row);
    },

    /** Gives the number back on both providers, for good. Needs the `releaseToken` answer, or the number repeated. */
    async release(tenant: Tenant, numberId: string, confirmation: string): Promise<PhoneNumberRecord> {
      let row = await own(tenant, numberId);
      if (row.status === "released") return presentNumber(row, await sandboxOf(tenant));
      if (row.status === "porting") throw new FrontdeskError("INVALID_TRANSITION", "This number is being ported in: cancel the porting request instead.", { field: "numberId" });
      if (!confirms(tenant, row, confirmation)) {
        throw new FrontdeskError("VALIDATION_FAILED", "Confirm the release with the token from numbers.releaseToken, or the number itself, repeated.", { field: "confirmation" });
      }
      if (row.retellImported) {
        const voice = await phone.voiceFor(tenant);
        await withProvider(() => voice.agent.releaseNumber(row.e164));
        row = await change(tenant, row.id, { retellImported: false }, { status: row.status, actor: "system", text: "Removed from Retell." });
      }
      if (row.twilioSid) {
        const carrier = await phone.carrierFor(tenant, row.connectionId);
        await withProvider(() => carrier.telephony.releaseNumber(row.twilioSid!));
      }
      row = await change(
        tenant,
        row.id,
        { status: "released", releasedAt: now(), agentId: null, afterHoursAgentId: null, pinnedVersionId: null },
        { status: "released", actor: "staff", text: row.twilioSid ? "Released at Twilio." : "Released." },
      );
      return presentNumber(row, await sandboxOf(tenant));
    },

    /** Calls, minutes and cost of the number's calls between two dates of the business (the last 30 days unless given). */
    async usage(tenant: Tenant, input: z.output<typeof numberUsageInput>) {
      await own(tenant, input.numberId);
      const to = input.to ?? localDateOf(now(), tenant.timeZone);
      const from = input.from ?? addDays(to, -29);
      if (from > to) throw new FrontdeskError("VALIDATION_FAILED", "The first day comes after the last.", { field: "from" });
      const usage = await forTenant(db, tenant.id).numberUsage(input.numberId, zonedWallTimeToUtc(from, 0, tenant.timeZone), zonedWallTimeToUtc(addDays(to, 1), 0, tenant.timeZone));
      return { calls: Number(usage.calls), minutes: Math.round(Number(usage.durationMs) / 6_000) / 10, costCents: Number(usage.costCents) };
    },
  };
}

export type NumbersService = ReturnType<typeof numbersService>;
