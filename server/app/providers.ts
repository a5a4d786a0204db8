import type { Messenger } from "@frontdesk/core";
import { smtpMessenger } from "@frontdesk/email-smtp";
import type { Settings } from "./settings";

/**
 * The outside world, one adapter per port of packages/core/src/ports: the real provider when its credentials are set,
 * the sandbox otherwise. Next to come, the same way: `telephony: TelephonyProvider` (Twilio, or its fake),
 * `voiceAgent: VoiceAgentProvider` (Retell, or its fake), `calendar` (Google / Microsoft, or a fake per provider).
 */
export interface Providers {
  /** SMTP with `SMTP_URL`; null in sandbox mode, where messages stay in the outbox. */
  messenger: Messenger | null;
}

/** Picks each port's adapter from the settings; the server imports no provider SDK anywhere else. */
export function createProviders(config: Settings): Providers {
  return {
    messenger: config.smtp ? smtpMessenger(config.smtp.url, { from: config.smtp.from }) : null,
  };
}
