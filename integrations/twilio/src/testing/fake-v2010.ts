/**
 * The fake's part of Twilio's 2010 API (`https://api.twilio.com/2010-04-01/Accounts/{AC}/…`): available numbers,
 * incoming numbers, SIP credential lists and messages. Form bodies in, snake_case JSON out, RFC 2822 dates,
 * RestException codes as Twilio documents them (those marked so are the fake's best guess).
 */
import { containsPattern, inventory, nationalNumber, offers, sellsIn, type InventoryType } from "./fake-inventory";
import {
  bool,
  listPage,
  missing,
  notFound,
  one,
  rfc2822,
  TwilioFault,
  type FakeAccount,
  type FakeAnswer,
  type FakeContext,
  type FakeCredentialList,
  type FakeIncomingNumber,
  type FakeMessage,
} from "./fake-state";

export interface FakeRoute {
  method: "GET" | "POST" | "DELETE";
  /** Matched against the path after `/2010-04-01/Accounts/{AC}` (v2010) or the whole path (trunking). */
  pattern: RegExp;
  handle(context: FakeContext, path: string): FakeAnswer;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const base = (account: FakeAccount) => `/2010-04-01/Accounts/${account.sid}`;

function renderAvailable(number: (typeof inventory)[number]) {
  return {
    friendly_name: number.friendlyName,
    phone_number: number.phoneNumber,
    lata: number.lata,
    rate_center: number.rateCenter,
    latitude: null,
    longitude: null,
    locality: number.locality,
    region: number.region,
    postal_code: number.postalCode,
    iso_country: number.isoCountry,
    address_requirements: number.addressRequirements,
    beta: false,
    // The 2010 API spells these two in capitals on available numbers (and in lower case on incoming ones).
    capabilities: number.capabilities,
  };
}

function renderNumber(account: FakeAccount, number: FakeIncomingNumber) {
  const uri = `${base(account)}/IncomingPhoneNumbers/${number.sid}.json`;
  return {
    account_sid: account.sid,
    address_requirements: number.addressRequirements,
    address_sid: null,
    api_version: "2010-04-01",
    beta: false,
    capabilities: { voice: number.capabilities.voice, sms: number.capabilities.SMS, mms: number.capabilities.MMS, fax: false },
    date_created: rfc2822(number.dateCreated),
    date_updated: rfc2822(number.dateUpdated),
    emergency_status: "Inactive",
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: "twilio",
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: "",
    sms_fallback_method: "POST",
    sms_fallback_url: "",
    sms_method: "POST",
    sms_url: number.smsUrl,
    status_callback: number.statusCallback,
    status_callback_method: "POST",
    trunk_sid: number.trunkSid,
    uri,
    voice_application_sid: "",
    voice_caller_id_lookup: false,
    voice_fallback_method: "POST",
    voice_fallback_url: "",
    voice_method: "POST",
    voice_url: number.voiceUrl,
    voice_receive_mode: "voice",
    status: "in-use",
    subresource_uris: { assigned_add_ons: uri.replace(/\.json$/, "/AssignedAddOns.json") },
  };
}

function renderCredentialList(account: FakeAccount, list: FakeCredentialList) {
  const uri = `${base(account)}/SIP/CredentialLists/${list.sid}.json`;
  return {
    account_sid: account.sid,
    date_created: rfc2822(list.dateCreated),
    date_updated: rfc2822(list.dateUpdated),
    friendly_name: list.friendlyName,
    sid: list.sid,
    subresource_uris: { credentials: uri.replace(/\.json$/, "/Credentials.json") },
    uri,
  };
}

export function renderMessage(account: FakeAccount, message: FakeMessage) {
  const uri = `${base(account)}/Messages/${message.sid}.json`;
  return {
    account_sid: account.sid,
    api_version: "2010-04-01",
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: message.dateSent ? rfc2822(message.dateSent) : null,
    date_updated: rfc2822(message.dateUpdated),
    direction: "outbound-api",
    error_code: message.errorCode,
    error_message: message.errorCode ? "Unreachable destination handset" : null,
    from: message.from,
    messaging_service_sid: null,
    num_media: "0",
    num_segments: String(message.numSegments),
    price: null,
    price_unit: "USD",
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: uri.replace(/\.json$/, "/Media.json"), feedback: uri.replace(/\.json$/, "/Feedback.json") },
    to: message.to,
    uri,
  };
}

const GSM7 = /^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/;

/** How many SMS segments a body takes: GSM-7 fits 160 (153 when split), anything else UCS-2, 70 (67). */
export function segmentsOf(body: string): number {
  if (GSM7.test(body)) {
    const septets = [...body].reduce((sum, char) => sum + ("^{}\\[~]|€".includes(char) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
}

function numberOf(context: FakeContext, path: string): FakeIncomingNumber {
  const number = context.account.numbers.find((candidate) => candidate.sid === context.params[0]);
  if (!number) throw notFound(path);
  return number;
}

function trunkSidParam(context: FakeContext): string | null | undefined {
  const trunkSid = one(context.form, "TrunkSid");
  if (trunkSid === undefined) return undefined;
  if (trunkSid === "") return null;
  if (!context.account.trunks.some((trunk) => trunk.sid === trunkSid)) throw new TwilioFault(400, 20001, `Invalid TrunkSid: ${trunkSid} is not a trunk of this account.`); // code: the fake's guess
  return trunkSid;
}

function credentialListOf(context: FakeContext, path: string): FakeCredentialList {
  const list = context.account.credentialLists.find((candidate) => candidate.sid === context.params[0]);
  if (!list) throw notFound(path);
  return list;
}

// Twilio's documented rule for SIP credential passwords; the error code for breaking it is the fake's guess.
const STRONG_PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{12,}$/;

function checkPassword(password: string | undefined): string {
  if (!password) throw missing("Password");
  if (!STRONG_PASSWORD.test(password)) {
    throw new TwilioFault(400, 20001, "Password must be at least 12 characters long and contain an uppercase letter, a lowercase letter and a digit.");
  }
  return password;
}

export const v2010Routes: FakeRoute[] = [
  {
    method: "GET",
    pattern: /^\/AvailablePhoneNumbers\/([A-Z]{2})\/(Local|TollFree|Mobile)\.json$/,
    handle(context, path) {
      const [country, type] = context.params as [string, InventoryType];
      if (!sellsIn(country) || !offers(country, type)) throw notFound(path);
      const query = Object.fromEntries(context.query);
      const areaCode = query.AreaCode;
      if (areaCode !== undefined && !/^\d{3}$/.test(areaCode)) throw new TwilioFault(400, 21451, `Invalid area code ${areaCode}`); // code: the fake's guess
      const pattern = query.Contains === undefined ? undefined : containsPattern(query.Contains);
      if (pattern === null) throw new TwilioFault(400, 20001, `Invalid Contains pattern: ${query.Contains}`); // code: the fake's guess
      const sms = bool(query.SmsEnabled, "SmsEnabled");
      const mms = bool(query.MmsEnabled, "MmsEnabled");
      const voice = bool(query.VoiceEnabled, "VoiceEnabled");
      const pageSize = Math.min(Math.max(Number(query.PageSize ?? 50) || 50, 1), 1000);
      const matches = inventory.filter(
        (number) =>
          number.isoCountry === country &&
          number.type === type &&
          !context.state.sold.has(number.phoneNumber) &&
          (areaCode === undefined || (["US", "CA"].includes(country) && nationalNumber(number).startsWith(areaCode))) &&
          (!pattern || pattern.test(nationalNumber(number))) &&
          (sms === undefined || number.capabilities.SMS === sms) &&
          (mms === undefined || number.capabilities.MMS === mms) &&
          (voice === undefined || number.capabilities.voice === voice),
      );
      // Twilio answers one page of candidates, never a next one.
      return listPage({ items: matches.slice(0, pageSize), path, query: context.query, filters: Object.keys(query).filter((name) => !["PageSize", "Page", "PageToken"].includes(name)), key: "available_phone_numbers", sidOf: (number) => number.phoneNumber, render: renderAvailable }, "v2010");
    },
  },
  {
    method: "POST",
    pattern: /^\/IncomingPhoneNumbers\.json$/,
    handle(context) {
      const phoneNumber = one(context.form, "PhoneNumber");
      const areaCode = one(context.form, "AreaCode");
      if (!phoneNumber && !areaCode) throw new TwilioFault(400, 21450, "Either PhoneNumber or AreaCode is required."); // code: the fake's guess
      if (phoneNumber && !E164.test(phoneNumber)) throw new TwilioFault(400, 21421, `PhoneNumber is invalid: ${phoneNumber}`);
      const candidate = inventory.find(
        (number) => !context.state.sold.has(number.phoneNumber) && (phoneNumber ? number.phoneNumber === phoneNumber : number.isoCountry === "US" && number.type === "Local" && nationalNumber(number).startsWith(areaCode!)),
      );
      if (!candidate) {
        throw phoneNumber ? new TwilioFault(400, 21422, `PhoneNumber ${phoneNumber} is not available.`) : new TwilioFault(400, 21452, `No phone numbers found in area code ${areaCode}.`);
      }
      const trunkSid = trunkSidParam(context) ?? null;
      const number: FakeIncomingNumber = {
        sid: context.newSid("PN"),
        phoneNumber: candidate.phoneNumber,
        friendlyName: one(context.form, "FriendlyName") ?? candidate.friendlyName,
        isoCountry: candidate.isoCountry,
        type: candidate.type,
        trunkSid,
        smsUrl: one(context.form, "SmsUrl") ?? "",
        voiceUrl: one(context.form, "VoiceUrl") ?? "",
        statusCallback: one(context.form, "StatusCallback") ?? "",
        capabilities: candidate.capabilities,
        addressRequirements: candidate.addressRequirements,
        dateCreated: context.now,
        dateUpdated: context.now,
      };
      context.state.sold.add(number.phoneNumber);
      context.account.numbers.push(number);
      return { status: 201, body: renderNumber(context.account, number) };
    },
  },
  {
    method: "GET",
    pattern: /^\/IncomingPhoneNumbers\.json$/,
    handle(context, path) {
      const phoneNumber = context.query.get("PhoneNumber");
      const friendlyName = context.query.get("FriendlyName");
      const items = context.account.numbers.filter(
        (number) => (phoneNumber === null || number.phoneNumber.includes(phoneNumber.replace(/[^\d+]/g, ""))) && (friendlyName === null || number.friendlyName === friendlyName),
      );
      return listPage({ items, path, query: context.query, filters: ["PhoneNumber", "FriendlyName"], key: "incoming_phone_numbers", sidOf: (number) => number.sid, render: (number) => renderNumber(context.account, number) }, "v2010");
    },
  },
  {
    method: "GET",
    pattern: /^\/IncomingPhoneNumbers\/(PN[0-9a-f]{32})\.json$/,
    handle: (context, path) => ({ status: 200, body: renderNumber(context.account, numberOf(context, path)) }),
  },
  {
    method: "POST",
    pattern: /^\/IncomingPhoneNumbers\/(PN[0-9a-f]{32})\.json$/,
    handle(context, path) {
      const number = numberOf(context, path);
      const trunkSid = trunkSidParam(context);
      if (trunkSid !== undefined) number.trunkSid = trunkSid;
      number.friendlyName = one(context.form, "FriendlyName") ?? number.friendlyName;
      number.smsUrl = one(context.form, "SmsUrl") ?? number.smsUrl;
      number.voiceUrl = one(context.form, "VoiceUrl") ?? number.voiceUrl;
      number.statusCallback = one(context.form, "StatusCallback") ?? number.statusCallback;
      number.dateUpdated = context.now;
      return { status: 200, body: renderNumber(context.account, number) };
    },
  },
  {
    method: "DELETE",
    pattern: /^\/IncomingPhoneNumbers\/(PN[0-9a-f]{32})\.json$/,
    handle(context, path) {
      const number = numberOf(context, path);
      context.account.numbers = context.account.numbers.filter((candidate) => candidate !== number);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: /^\/SIP\/CredentialLists\.json$/,
    handle(context) {
      const friendlyName = one(context.form, "FriendlyName");
      if (!friendlyName) throw missing("FriendlyName");
      if (friendlyName.length > 64) throw new TwilioFault(400, 20001, "FriendlyName must be at most 64 characters.");
      const list: FakeCredentialList = { sid: context.newSid("CL"), friendlyName, credentials: [], dateCreated: context.now, dateUpdated: context.now };
      context.account.credentialLists.push(list);
      return { status: 201, body: renderCredentialList(context.account, list) };
    },
  },
  {
    method: "GET",
    pattern: /^\/SIP\/CredentialLists\.json$/,
    handle: (context, path) =>
      listPage({ items: context.account.credentialLists, path, query: context.query, filters: [], key: "credential_lists", sidOf: (list) => list.sid, render: (list) => renderCredentialList(context.account, list) }, "v2010"),
  },
  {
    method: "POST",
    pattern: /^\/SIP\/CredentialLists\/(CL[0-9a-f]{32})\/Credentials\.json$/,
    handle(context, path) {
      const list = credentialListOf(context, path);
      const username = one(context.form, "Username");
      if (!username) throw missing("Username");
      const password = checkPassword(one(context.form, "Password"));
      // Twilio refuses a second credential with the same user name in a list; the code is the fake's guess.
      if (list.credentials.some((credential) => credential.username === username)) throw new TwilioFault(400, 20001, `Username ${username} already exists in this credential list.`);
      const credential = { sid: context.newSid("CR"), username, password, dateCreated: context.now, dateUpdated: context.now };
      list.credentials.push(credential);
      return { status: 201, body: renderCredential(context.account, list, credential) };
    },
  },
  {
    method: "GET",
    pattern: /^\/SIP\/CredentialLists\/(CL[0-9a-f]{32})\/Credentials\.json$/,
    handle(context, path) {
      const list = credentialListOf(context, path);
      return listPage({ items: list.credentials, path, query: context.query, filters: [], key: "credentials", sidOf: (credential) => credential.sid, render: (credential) => renderCredential(context.account, list, credential) }, "v2010");
    },
  },
  {
    method: "POST",
    pattern: /^\/SIP\/CredentialLists\/(CL[0-9a-f]{32})\/Credentials\/(CR[0-9a-f]{32})\.json$/,
    handle(context, path) {
      const list = credentialListOf(context, path);
      const credential = list.credentials.find((candidate) => candidate.sid === context.params[1]);
      if (!credential) throw notFound(path);
      credential.password = checkPassword(one(context.form, "Password"));
      credential.dateUpdated = context.now;
      return { status: 200, body: renderCredential(context.account, list, credential) };
    },
  },
  {
    method: "POST",
    pattern: /^\/Messages\.json$/,
    handle(context) {
      const to = one(context.form, "To");
      const from = one(context.form, "From");
      const body = one(context.form, "Body");
      const statusCallback = one(context.form, "StatusCallback");
      if (!to) throw new TwilioFault(400, 21604, "A 'To' phone number is required.");
      if (!from) throw new TwilioFault(400, 21603, "A 'From' phone number is required.");
      if (!body) throw new TwilioFault(400, 21602, "Message body is required.");
      if (!E164.test(to)) throw new TwilioFault(400, 21211, `Invalid 'To' Phone Number: ${to}`);
      if (!context.account.numbers.some((number) => number.phoneNumber === from && number.capabilities.SMS)) {
        throw new TwilioFault(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
      }
      if (body.length > 1600) throw new TwilioFault(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
      if (statusCallback !== undefined && !/^https?:\/\/[^/\s]+/i.test(statusCallback)) throw new TwilioFault(400, 21609, `Invalid StatusCallback url: ${statusCallback}`);
      const message: FakeMessage = {
        sid: context.newSid("SM"),
        to,
        from,
        body,
        status: "queued",
        statusCallback: statusCallback ?? null,
        errorCode: null,
        numSegments: segmentsOf(body),
        dateCreated: context.now,
        dateUpdated: context.now,
        dateSent: null,
      };
      context.account.messages.push(message);
      context.dispatch(message);
      return { status: 201, body: renderMessage(context.account, message) };
    },
  },
  {
    method: "GET",
    pattern: /^\/Messages\/((?:SM|MM)[0-9a-f]{32})\.json$/,
    handle(context, path) {
      const message = context.account.messages.find((candidate) => candidate.sid === context.params[0]);
      if (!message) throw notFound(path);
      return { status: 200, body: renderMessage(context.account, message) };
    },
  },
];

function renderCredential(account: FakeAccount, list: FakeCredentialList, credential: FakeCredentialList["credentials"][number]) {
  return {
    account_sid: account.sid,
    credential_list_sid: list.sid,
    date_created: rfc2822(credential.dateCreated),
    date_updated: rfc2822(credential.dateUpdated),
    sid: credential.sid,
    uri: `${base(account)}/SIP/CredentialLists/${list.sid}/Credentials/${credential.sid}.json`,
    username: credential.username,
  };
}
