/**
 * The fake's part of Twilio's trunking API (`https://trunking.twilio.com/v1/Trunks…`): elastic SIP trunks, their
 * origination URLs (where inbound calls go: Retell), the credential lists they terminate with and the numbers on them.
 * Lists page by `meta.next_page_url`, absolute; dates are ISO 8601.
 */
import { bool, iso, listPage, missing, notFound, one, TwilioFault, type FakeContext, type FakeTrunk } from "./fake-state";
import type { FakeRoute } from "./fake-v2010";

const trunkUrl = (trunk: FakeTrunk) => `https://trunking.twilio.com/v1/Trunks/${trunk.sid}`;

function renderTrunk(context: FakeContext, trunk: FakeTrunk) {
  const url = trunkUrl(trunk);
  return {
    account_sid: context.account.sid,
    domain_name: trunk.domainName || null,
    disaster_recovery_method: "POST",
    disaster_recovery_url: null,
    friendly_name: trunk.friendlyName,
    secure: false,
    recording: { mode: "do-not-record", trim: "do-not-trim" },
    transfer_mode: "disable-all",
    transfer_caller_id: "from-transferee",
    cnam_lookup_enabled: false,
    auth_type: trunk.credentialListSids.length > 0 ? "CREDENTIAL_LIST" : "",
    symmetric_rtp_enabled: false,
    auth_type_set: trunk.credentialListSids.length > 0 ? ["CREDENTIAL_LIST"] : [],
    date_created: iso(trunk.dateCreated),
    date_updated: iso(trunk.dateUpdated),
    sid: trunk.sid,
    url,
    links: {
      origination_urls: `${url}/OriginationUrls`,
      credential_lists: `${url}/CredentialLists`,
      ip_access_control_lists: `${url}/IpAccessControlLists`,
      phone_numbers: `${url}/PhoneNumbers`,
      recording: `${url}/Recording`,
    },
  };
}

function trunkOf(context: FakeContext, path: string): FakeTrunk {
  const trunk = context.account.trunks.find((candidate) => candidate.sid === context.params[0]);
  if (!trunk) throw notFound(path);
  return trunk;
}

function integer(value: string | undefined, name: string): number {
  if (value === undefined || value === "") throw missing(name);
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new TwilioFault(400, 20001, `Invalid value for parameter ${name}: ${value}`);
  return number;
}

const DOMAIN = /^[a-z0-9-]+\.pstn\.twilio\.com$/i;

export const trunkingRoutes: FakeRoute[] = [
  {
    method: "POST",
    pattern: /^\/v1\/Trunks$/,
    handle(context) {
      const domainName = one(context.form, "DomainName") ?? "";
      if (domainName && !DOMAIN.test(domainName)) throw new TwilioFault(400, 21232, `Invalid Domain: ${domainName} must be letters, digits and - and end with pstn.twilio.com.`);
      // Termination domains are unique across all of Twilio, not per account.
      const taken = [...context.state.accounts.values()].some((account) => account.trunks.some((trunk) => trunk.domainName.toLowerCase() === domainName.toLowerCase()));
      if (domainName && taken) throw new TwilioFault(409, 21248, `Trunk Domain already taken: ${domainName}`);
      const trunk: FakeTrunk = {
        sid: context.newSid("TK"),
        friendlyName: one(context.form, "FriendlyName") ?? "",
        domainName,
        originationUrls: [],
        credentialListSids: [],
        dateCreated: context.now,
        dateUpdated: context.now,
      };
      context.account.trunks.push(trunk);
      return { status: 201, body: renderTrunk(context, trunk) };
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/Trunks$/,
    handle: (context, path) => listPage({ items: context.account.trunks, path, query: context.query, filters: [], key: "trunks", sidOf: (trunk) => trunk.sid, render: (trunk) => renderTrunk(context, trunk) }, "trunking"),
  },
  {
    method: "GET",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})$/,
    handle: (context, path) => ({ status: 200, body: renderTrunk(context, trunkOf(context, path)) }),
  },
  {
    method: "DELETE",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})$/,
    handle(context, path) {
      const trunk = trunkOf(context, path);
      context.account.trunks = context.account.trunks.filter((candidate) => candidate !== trunk);
      for (const number of context.account.numbers) if (number.trunkSid === trunk.sid) number.trunkSid = null;
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})\/OriginationUrls$/,
    handle(context, path) {
      const trunk = trunkOf(context, path);
      const friendlyName = one(context.form, "FriendlyName");
      const sipUrl = one(context.form, "SipUrl");
      if (!friendlyName) throw missing("FriendlyName");
      if (!sipUrl) throw missing("SipUrl");
      if (!/^sips?:[^\s]+$/i.test(sipUrl)) throw new TwilioFault(400, 20001, `Invalid SipUrl: ${sipUrl} is not a sip: URI`);
      const priority = integer(one(context.form, "Priority"), "Priority");
      const weight = integer(one(context.form, "Weight"), "Weight");
      const enabled = one(context.form, "Enabled");
      if (enabled === undefined) throw missing("Enabled");
      const originationUrl = { sid: context.newSid("OU"), friendlyName, sipUrl, priority, weight, enabled: bool(enabled, "Enabled")!, dateCreated: context.now, dateUpdated: context.now };
      trunk.originationUrls.push(originationUrl);
      return { status: 201, body: renderOrigination(context, trunk, originationUrl) };
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})\/OriginationUrls$/,
    handle(context, path) {
      const trunk = trunkOf(context, path);
      return listPage({ items: trunk.originationUrls, path, query: context.query, filters: [], key: "origination_urls", sidOf: (url) => url.sid, render: (url) => renderOrigination(context, trunk, url) }, "trunking");
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})\/CredentialLists$/,
    handle(context, path) {
      const trunk = trunkOf(context, path);
      const sid = one(context.form, "CredentialListSid");
      if (!sid) throw missing("CredentialListSid");
      const list = context.account.credentialLists.find((candidate) => candidate.sid === sid);
      if (!list) throw new TwilioFault(404, 20404, `The requested resource /2010-04-01/Accounts/${context.account.sid}/SIP/CredentialLists/${sid}.json was not found`);
      // The code for a list attached twice is the fake's guess.
      if (trunk.credentialListSids.includes(sid)) throw new TwilioFault(409, 20001, `Credential list ${sid} is already associated with trunk ${trunk.sid}.`);
      trunk.credentialListSids.push(sid);
      return { status: 201, body: renderTrunkCredentialList(context, trunk, sid) };
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})\/CredentialLists$/,
    handle(context, path) {
      const trunk = trunkOf(context, path);
      return listPage({ items: trunk.credentialListSids, path, query: context.query, filters: [], key: "credential_lists", sidOf: (sid) => sid, render: (sid) => renderTrunkCredentialList(context, trunk, sid) }, "trunking");
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})\/PhoneNumbers$/,
    handle(context, path) {
      const trunk = trunkOf(context, path);
      const sid = one(context.form, "PhoneNumberSid");
      if (!sid) throw missing("PhoneNumberSid");
      const number = context.account.numbers.find((candidate) => candidate.sid === sid);
      if (!number) throw new TwilioFault(404, 20404, `The requested resource /2010-04-01/Accounts/${context.account.sid}/IncomingPhoneNumbers/${sid}.json was not found`);
      number.trunkSid = trunk.sid;
      number.dateUpdated = context.now;
      return { status: 201, body: renderTrunkNumber(context, trunk, number) };
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/Trunks\/(TK[0-9a-f]{32})\/PhoneNumbers$/,
    handle(context, path) {
      const trunk = trunkOf(context, path);
      const items = context.account.numbers.filter((number) => number.trunkSid === trunk.sid);
      return listPage({ items, path, query: context.query, filters: [], key: "phone_numbers", sidOf: (number) => number.sid, render: (number) => renderTrunkNumber(context, trunk, number) }, "trunking");
    },
  },
];

function renderOrigination(context: FakeContext, trunk: FakeTrunk, url: FakeTrunk["originationUrls"][number]) {
  return {
    account_sid: context.account.sid,
    sid: url.sid,
    trunk_sid: trunk.sid,
    weight: url.weight,
    enabled: url.enabled,
    sip_url: url.sipUrl,
    friendly_name: url.friendlyName,
    priority: url.priority,
    date_created: iso(url.dateCreated),
    date_updated: iso(url.dateUpdated),
    url: `${trunkUrl(trunk)}/OriginationUrls/${url.sid}`,
  };
}

function renderTrunkCredentialList(context: FakeContext, trunk: FakeTrunk, sid: string) {
  const list = context.account.credentialLists.find((candidate) => candidate.sid === sid);
  return {
    account_sid: context.account.sid,
    sid,
    trunk_sid: trunk.sid,
    friendly_name: list?.friendlyName ?? null,
    date_created: iso(list?.dateCreated ?? trunk.dateCreated),
    date_updated: iso(list?.dateUpdated ?? trunk.dateUpdated),
    url: `${trunkUrl(trunk)}/CredentialLists/${sid}`,
  };
}

function renderTrunkNumber(context: FakeContext, trunk: FakeTrunk, number: FakeContext["account"]["numbers"][number]) {
  return {
    account_sid: context.account.sid,
    address_requirements: number.addressRequirements,
    api_version: "2010-04-01",
    beta: false,
    capabilities: { voice: number.capabilities.voice, sms: number.capabilities.SMS, mms: number.capabilities.MMS, fax: false },
    date_created: iso(number.dateCreated),
    date_updated: iso(number.dateUpdated),
    friendly_name: number.friendlyName,
    phone_number: number.phoneNumber,
    sid: number.sid,
    trunk_sid: trunk.sid,
    url: `${trunkUrl(trunk)}/PhoneNumbers/${number.sid}`,
    links: { phone_number: `https://api.twilio.com/2010-04-01/Accounts/${context.account.sid}/IncomingPhoneNumbers/${number.sid}.json` },
  };
}
