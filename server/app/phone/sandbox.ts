import type { PhoneProviderSettings } from "../settings";
import { sandboxRetellKeyPrefix, type SandboxProviders } from "./connections";

let started: Promise<SandboxProviders> | undefined;
const running: { close(): Promise<void> }[] = [];

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
  const retell = phone.fakeRetellUrl ? undefined : await startFakeRetell({ acceptKeys: (key) => key.startsWith(sandboxRetellKeyPrefix) });
  const twilio = phone.fakeTwilioUrl ? undefined : await startFakeTwilio({ accounts: [sandboxTwilioAccount] });
  running.push(...[retell, twilio].filter((fake) => fake !== undefined));
  const retellUrl = phone.fakeRetellUrl ?? retell!.url;
  const twilioUrl = phone.fakeTwilioUrl ?? twilio!.url;
  return { retellUrl, twilioUrl, twilioAccount: sandboxTwilioAccount };
}

/** Stops the fakes this process started, so that a stopping server is not kept alive by them. */
export async function closeSandboxProviders(): Promise<void> {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
  started = undefined;
}
