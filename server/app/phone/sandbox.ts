import type { PhoneProviderSettings } from "../settings";
import { sandboxRetellKeyPrefix, type SandboxProviders } from "./connections";

let started: Promise<SandboxProviders> | undefined;

/**
 * The bundled fakes of Retell and Twilio the sandbox runs on: the ones the environment names (tests and
 * `pnpm simulate` start their own to look into), else a pair started once in this process on free local ports.
 * Null when the sandbox is off.
 */
export async function sandboxProviders(phone: PhoneProviderSettings): Promise<SandboxProviders | null> {
  if (!phone.sandbox) return null;
  const { sandboxTwilioAccount } = await import("@frontdesk/twilio/testing");
  if (phone.fakeRetellUrl && phone.fakeTwilioUrl) return { retellUrl: phone.fakeRetellUrl, twilioUrl: phone.fakeTwilioUrl, twilioAccount: sandboxTwilioAccount };
  started ??= startFakes(phone);
  return started;
}

async function startFakes(phone: PhoneProviderSettings): Promise<SandboxProviders> {
  const [{ startFakeRetell }, { startFakeTwilio, sandboxTwilioAccount }] = await Promise.all([import("@frontdesk/retell/testing"), import("@frontdesk/twilio/testing")]);
  const retellUrl = phone.fakeRetellUrl ?? (await startFakeRetell({ acceptKeys: (key) => key.startsWith(sandboxRetellKeyPrefix) })).url;
  const twilioUrl = phone.fakeTwilioUrl ?? (await startFakeTwilio({ accounts: [sandboxTwilioAccount] })).url;
  return { retellUrl, twilioUrl, twilioAccount: sandboxTwilioAccount };
}
