/**
 * Twilio, the carrier of the phone line: the `TelephonyProvider` port with the twilio SDK (numbers to search, buy,
 * rename, move onto a SIP trunk and release; the elastic SIP trunk that hands calls to the voice provider), an SMS
 * `Messenger`, and the pure webhook module. `src/testing/fake.ts` is a fake of the same API for tests and sandbox mode.
 */
import { createHmac } from "node:crypto";
import { FrontdeskError, ProviderError, type AvailablePhoneNumber, type NumberSearch, type OwnedPhoneNumber, type SipTrunk, type TelephonyProvider } from "@frontdesk/core";
import { asProviderError, createTwilioClient, twilioStatusOf, type TwilioClient, type TwilioCredentials } from "./client";

export * from "./webhook";
export { asProviderError, createTwilioClient, RewritingClient, rewriteTwilioUrl, type TwilioCredentials } from "./client";
export { twilioMessenger, type TwilioMessengerOptions } from "./messenger";

/** What the SDK gives for an available number, the same for Local, TollFree and Mobile. */
interface AvailableRecord {
  phoneNumber: string;
  friendlyName: string;
  isoCountry: string;
  locality: string;
  region: string;
  addressRequirements: string;
  capabilities: object;
}
const TERMINATION_DOMAIN = /^[a-z0-9-]+\.pstn\.twilio\.com$/i;

/** The user name the voice provider presents to the trunk's termination. */
export const sipUsername = "frontdesk";

/**
 * The trunk's termination password, derived from the auth token and the domain, so `ensureSipTrunk` gives the same
 * one every time without storing it (Twilio never reads a password back). Rotating the auth token changes it: run
 * `ensureSipTrunk` again and give the voice provider the new one.
 */
export function sipPasswordFor(authToken: string, domainName: string): string {
  const digest = createHmac("sha256", authToken).update(`frontdesk-sip-trunk:${domainName.toLowerCase()}`).digest("base64url");
  // Twilio wants 12+ characters with an upper-case letter, a lower-case letter and a digit: the prefix sees to it.
  return `Fd1${digest.replace(/[-_]/g, "x").slice(0, 29)}`;
}

export function twilioTelephony(credentials: TwilioCredentials): TelephonyProvider {
  const client = createTwilioClient(credentials);
  return {
    name: "twilio",
    searchNumbers: (query) => searchNumbers(client, query),
    async buyNumber(phoneNumber, options): Promise<OwnedPhoneNumber> {
      // Twilio has no SMS status callback per number: it is set on each message (twilioMessenger's statusCallback),
      // so options.smsStatusUrl is not sent here.
      try {
        const number = await client.incomingPhoneNumbers.create({ phoneNumber, friendlyName: options.friendlyName, ...(options.trunkId ? { trunkSid: options.trunkId } : {}) });
        return { providerNumberId: number.sid, phoneNumber: number.phoneNumber, trunkId: number.trunkSid || null };
      } catch (error) {
        const failure = asProviderError(error, `buying ${phoneNumber}`);
        // A purchase whose answer was lost, or one retried after it went through (21422: no longer for sale), may
        // have bought the number for this account already: then that is the answer. Only if it carries this
        // purchase's name (and trunk): on an account several businesses share, another's number is not ours.
        if (failure instanceof ProviderError && (failure.kind === "unavailable" || failure.providerCode === 21422)) {
          const owned = await ownedNumber(client, phoneNumber).catch(() => undefined);
          if (owned && owned.friendlyName === options.friendlyName && (!options.trunkId || owned.trunkId === options.trunkId)) {
            return { providerNumberId: owned.providerNumberId, phoneNumber: owned.phoneNumber, trunkId: owned.trunkId };
          }
        }
        throw failure;
      }
    },
    async ownedNumber(phoneNumber) {
      try {
        const owned = await ownedNumber(client, phoneNumber);
        return owned && { providerNumberId: owned.providerNumberId, phoneNumber: owned.phoneNumber, trunkId: owned.trunkId };
      } catch (error) {
        throw asProviderError(error, `looking for ${phoneNumber} in the account`);
      }
    },
    async updateNumber(providerNumberId, patch) {
      const update = {
        ...(patch.friendlyName !== undefined ? { friendlyName: patch.friendlyName } : {}),
        // An empty TrunkSid takes the number off its trunk.
        ...(patch.trunkId !== undefined ? { trunkSid: patch.trunkId ?? "" } : {}),
      };
      if (Object.keys(update).length === 0) return;
      try {
        await client.incomingPhoneNumbers(providerNumberId).update(update);
      } catch (error) {
        throw asProviderError(error, `updating number ${providerNumberId}`);
      }
    },
    async releaseNumber(providerNumberId) {
      try {
        await client.incomingPhoneNumbers(providerNumberId).remove();
      } catch (error) {
        if (twilioStatusOf(error)?.status === 404) return;
        throw asProviderError(error, `releasing number ${providerNumberId}`);
      }
    },
    async ensureSipTrunk(options) {
      try {
        return await ensureSipTrunk(client, credentials.authToken, options);
      } catch (error) {
        throw asProviderError(error, `setting up the SIP trunk ${options.domainName}`);
      }
    },
  };
}

async function ownedNumber(client: TwilioClient, phoneNumber: string): Promise<(OwnedPhoneNumber & { friendlyName: string }) | undefined> {
  const [number] = (await client.incomingPhoneNumbers.list({ phoneNumber, limit: 20 })).filter((candidate) => candidate.phoneNumber === phoneNumber);
  return number && { providerNumberId: number.sid, phoneNumber: number.phoneNumber, trunkId: number.trunkSid || null, friendlyName: number.friendlyName };
}

async function searchNumbers(client: TwilioClient, query: NumberSearch): Promise<AvailablePhoneNumber[]> {
  const country = query.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new FrontdeskError("VALIDATION_FAILED", "Give the country as two letters, e.g. US.", { field: "country" });
  if (query.areaCode !== undefined) {
    if (!/^\d{3}$/.test(query.areaCode)) throw new FrontdeskError("VALIDATION_FAILED", "An area code is three digits, e.g. 415.", { field: "areaCode" });
    if (country !== "US" && country !== "CA") throw new FrontdeskError("VALIDATION_FAILED", "Area codes apply to US and Canadian numbers only.", { field: "areaCode" });
  }
  if (query.contains !== undefined && !/^\+?[0-9A-Za-z*%]{2,16}\$?$/.test(query.contains)) {
    throw new FrontdeskError("VALIDATION_FAILED", "A pattern is 2 to 16 digits or letters, with * for any one digit, e.g. 555*.", { field: "contains" });
  }
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 50);
  try {
    const params = {
      ...(query.areaCode !== undefined ? { areaCode: Number(query.areaCode) } : {}),
      ...(query.contains !== undefined ? { contains: query.contains } : {}),
      ...(query.sms ? { smsEnabled: true } : {}),
      voiceEnabled: true,
      limit,
    };
    const lists = client.availablePhoneNumbers(country);
    const numbers: AvailableRecord[] = query.type === "local" ? await lists.local.list(params) : query.type === "toll_free" ? await lists.tollFree.list(params) : await lists.mobile.list(params);
    return numbers.map((number) => {
      // Available numbers spell these `SMS` and `MMS`, unlike the SDK's type for them.
      const capabilities = number.capabilities as unknown as Record<string, boolean | undefined>;
      return {
        phoneNumber: number.phoneNumber,
        friendlyName: number.friendlyName,
        isoCountry: number.isoCountry,
        type: query.type,
        ...(number.locality ? { locality: number.locality } : {}),
        ...(number.region ? { region: number.region } : {}),
        capabilities: { voice: capabilities.voice === true, sms: (capabilities.SMS ?? capabilities.sms) === true, mms: (capabilities.MMS ?? capabilities.mms) === true },
        addressRequired: (["none", "any", "local", "foreign"] as const).find((requirement) => requirement === number.addressRequirements) ?? "any",
      };
    });
  } catch (error) {
    // Twilio answers 404 for a country, or a type in a country, it sells no numbers in: there is nothing to offer.
    if (twilioStatusOf(error)?.status === 404) return [];
    throw asProviderError(error, `searching ${country} numbers`);
  }
}

/**
 * Finds or makes, in this order: the trunk with this termination domain, its origination URL (calls to the voice
 * provider), an account credential list for it with one credential, and the list's link to the trunk. Each step looks
 * before it writes, so a second run (or one after a failure half-way) changes nothing and answers the same trunk.
 */
async function ensureSipTrunk(client: TwilioClient, authToken: string, options: { friendlyName: string; domainName: string; originationSipUrl: string }): Promise<SipTrunk> {
  if (!TERMINATION_DOMAIN.test(options.domainName)) {
    throw new FrontdeskError("VALIDATION_FAILED", "A termination domain is letters, digits and - followed by .pstn.twilio.com.", { field: "domainName" });
  }
  if (!/^sips?:\S+$/i.test(options.originationSipUrl)) {
    throw new FrontdeskError("VALIDATION_FAILED", "The origination URL is a SIP URI, e.g. sip:sip.retellai.com.", { field: "originationSipUrl" });
  }
  const sameDomain = (domain: string | null) => domain?.toLowerCase() === options.domainName.toLowerCase();
  let trunk = (await client.trunking.v1.trunks.list()).find((candidate) => sameDomain(candidate.domainName));
  if (!trunk) {
    try {
      trunk = await client.trunking.v1.trunks.create({ friendlyName: options.friendlyName, domainName: options.domainName });
    } catch (error) {
      // 21248: the domain is taken, perhaps by a run of this very function a moment ago.
      if (twilioStatusOf(error)?.code !== 21248) throw error;
      trunk = (await client.trunking.v1.trunks.list()).find((candidate) => sameDomain(candidate.domainName));
      if (!trunk) throw error;
    }
  }
  const trunkContext = client.trunking.v1.trunks(trunk.sid);

  const originations = await trunkContext.originationUrls.list();
  if (!originations.some((origination) => origination.sipUrl === options.originationSipUrl)) {
    await trunkContext.originationUrls.create({ friendlyName: options.friendlyName, sipUrl: options.originationSipUrl, priority: 10, weight: 10, enabled: true });
  }

  const listName = `frontdesk-${trunk.sid}`;
  const credentialList = (await client.sip.credentialLists.list()).find((list) => list.friendlyName === listName) ?? (await client.sip.credentialLists.create({ friendlyName: listName }));
  const password = sipPasswordFor(authToken, options.domainName);
  const credentials = client.sip.credentialLists(credentialList.sid).credentials;
  const credential = (await credentials.list()).find((candidate) => candidate.username === sipUsername);
  // Setting the password again is harmless and repairs a credential whose password no longer matches the token.
  if (credential) await credentials(credential.sid).update({ password });
  else await credentials.create({ username: sipUsername, password });
  const attached = await trunkContext.credentialsLists.list();
  if (!attached.some((list) => list.sid === credentialList.sid)) await trunkContext.credentialsLists.create({ credentialListSid: credentialList.sid });

  return { trunkId: trunk.sid, terminationUri: trunk.domainName, username: sipUsername, password };
}
