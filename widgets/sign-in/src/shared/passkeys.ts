import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { AccountsClient } from "@frontdesk/client";

// The passkey plugin's endpoints (@better-auth/passkey), driven as its own browser client drives them, with the same
// WebAuthn helper (@simplewebauthn/browser): options from the server, the browser's ceremony, the answer verified.

export const passkeysSupported = () => browserSupportsWebAuthn();

export interface Passkey {
  id: string;
  name?: string | null;
  deviceType?: string;
  createdAt: string;
}

/** Signs in with a passkey this browser or a nearby device holds; the session cookie is set on success. */
export async function signInWithPasskey(accounts: AccountsClient): Promise<void> {
  const options = await accounts.call<Parameters<typeof startAuthentication>[0]["optionsJSON"]>("passkey/generate-authenticate-options");
  const { clientExtensionResults: _ignored, ...response } = await startAuthentication({ optionsJSON: options });
  await accounts.call("passkey/verify-authentication", { response });
}

/** Creates a passkey for the signed-in person and stores it under `name`. */
export async function addPasskey(accounts: AccountsClient, name: string): Promise<void> {
  const options = await accounts.call<Parameters<typeof startRegistration>[0]["optionsJSON"]>("passkey/generate-register-options", undefined, {
    query: name ? { name } : {},
  });
  const { clientExtensionResults: _ignored, ...response } = await startRegistration({ optionsJSON: options });
  await accounts.call("passkey/verify-registration", { response, ...(name ? { name } : {}) });
}

export const listPasskeys = (accounts: AccountsClient) => accounts.call<Passkey[]>("passkey/list-user-passkeys");
export const removePasskey = (accounts: AccountsClient, id: string) => accounts.call("passkey/delete-passkey", { id });
