import { deserialize, serialize } from "node:v8";
import type { FakeRetellState } from "@frontdesk/retell/testing";
import type { FakeTwilioState } from "@frontdesk/twilio/testing";
import type { PhoneProviderSettings } from "../settings";
import type { FileStore } from "../stored-files";
import { sandboxRetellKeyPrefix, type SandboxProviders } from "./connections";

let started: Promise<SandboxProviders> | undefined;
const running: { close(): Promise<void> }[] = [];
let flush: (() => Promise<void>) | undefined;

/** The fakes' state in the sandbox store: numbers, agents and calls the businesses made on them, kept across restarts. */
const stateKey = "providers.v8";
/** Writes of the state follow a burst of changes (a publish is a dozen requests) by this long. */
const saveDelayMs = 200;

interface SavedState {
  retell?: FakeRetellState;
  twilio?: FakeTwilioState;
}

/**
 * The bundled fakes of Retell and Twilio the sandbox runs on: the ones the environment names (tests and
 * `pnpm simulate` start their own to look into), else a pair started once in this process on free local ports, whose
 * state is kept in `store` so that a restarted sandbox still has the numbers and agents it published. Null when the
 * sandbox is off.
 */
export async function sandboxProviders(phone: PhoneProviderSettings, store: FileStore): Promise<SandboxProviders | null> {
  if (!phone.sandbox) return null;
  const { sandboxTwilioAccount } = await import("@frontdesk/twilio/testing");
  if (phone.fakeRetellUrl && phone.fakeTwilioUrl) return { retellUrl: phone.fakeRetellUrl, twilioUrl: phone.fakeTwilioUrl, twilioAccount: sandboxTwilioAccount };
  started ??= startFakes(phone, store);
  return started;
}

async function loadState(store: FileStore): Promise<SavedState> {
  const bytes = await store.getItemRaw(stateKey);
  if (!bytes) return {};
  try {
    return deserialize(bytes) as SavedState;
  } catch (error) {
    console.warn(`The sandbox providers' saved state could not be read (${String(error)}); they start empty.`);
    return {};
  }
}

async function startFakes(phone: PhoneProviderSettings, store: FileStore): Promise<SandboxProviders> {
  const [{ startFakeRetell }, { startFakeTwilio, sandboxTwilioAccount }] = await Promise.all([import("@frontdesk/retell/testing"), import("@frontdesk/twilio/testing")]);
  const saved = await loadState(store);
  let timer: NodeJS.Timeout | undefined;
  let writing = Promise.resolve();
  const save = () => {
    timer = undefined;
    const state: SavedState = { ...saved, ...(retell ? { retell: retell.exportState() } : {}), ...(twilio ? { twilio: twilio.exportState() } : {}) };
    writing = writing.then(() => store.setItemRaw(stateKey, serialize(state))).catch((error: unknown) => console.warn(`The sandbox providers' state could not be saved: ${String(error)}`));
  };
  const onChange = () => {
    timer ??= setTimeout(save, saveDelayMs).unref();
  };
  const retell = phone.fakeRetellUrl ? undefined : await startFakeRetell({ acceptKeys: (key) => key.startsWith(sandboxRetellKeyPrefix), onChange, ...(saved.retell ? { state: saved.retell } : {}) });
  const twilio = phone.fakeTwilioUrl ? undefined : await startFakeTwilio({ accounts: [sandboxTwilioAccount], onChange, ...(saved.twilio ? { state: saved.twilio } : {}) });
  running.push(...[retell, twilio].filter((fake) => fake !== undefined));
  flush = async () => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
    await writing;
  };
  const retellUrl = phone.fakeRetellUrl ?? retell!.url;
  const twilioUrl = phone.fakeTwilioUrl ?? twilio!.url;
  return { retellUrl, twilioUrl, twilioAccount: sandboxTwilioAccount };
}

/** Saves the fakes' last changes and stops the fakes this process started, so that a stopping server is not kept alive by them. */
export async function closeSandboxProviders(): Promise<void> {
  await flush?.();
  flush = undefined;
  await Promise.all(running.splice(0).map((fake) => fake.close()));
  started = undefined;
}
