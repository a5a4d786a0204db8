import { FrontdeskError } from "@frontdesk/core";
import { recordProviderEvent, recordSmsDelivery, twilioConnectionsOfAccount, type Db, type SmsDeliveryStatus } from "@frontdesk/db";
import { parseMessageStatus, parseTwilioForm, publicWebhookUrl, verifyTwilioSignature, type MessageStatus } from "@frontdesk/twilio/webhook";

export interface SmsStatusDeps {
  db: Db;
  now: () => number;
  /** PUBLIC_URL: what Twilio signed, never the request's Host. */
  publicUrl: string;
  /** Opens a business connection's sealed auth token. */
  open: (sealed: string) => string;
  /** Accounts besides the businesses' own: the platform's (TWILIO_*) and the sandbox's fake. */
  accounts: { accountSid: string; authToken: string }[];
}

export type SmsStatusAnswer = { status: 204 } | { status: 401 } | { status: 400; error: FrontdeskError };

const deliveryStatuses: readonly string[] = ["sent", "delivered", "undelivered", "failed"] satisfies SmsDeliveryStatus[];

/**
 * Twilio's SMS status callbacks (`POST /webhooks/twilio/sms-status`): signed for PUBLIC_URL + path + query with the
 * auth token of the account that sent the message, kept once per (MessageSid, MessageStatus), and recorded on the
 * notification as its delivery status.
 */
export function smsStatusService(deps: SmsStatusDeps) {
  const { db, now } = deps;

  async function authTokensOf(accountSid: string): Promise<string[]> {
    const own = (await twilioConnectionsOfAccount(db, accountSid)).map((connection) => deps.open(connection.secretSealed));
    return [...own, ...deps.accounts.filter((account) => account.accountSid === accountSid).map((account) => account.authToken)];
  }

  return {
    async receive(pathAndQuery: string, rawBody: string, headers: { signature: string | null; settings: string | null }): Promise<SmsStatusAnswer> {
      const params = parseTwilioForm(rawBody);
      const accountSid = typeof params.AccountSid === "string" ? params.AccountSid : "";
      const url = publicWebhookUrl(deps.publicUrl, pathAndQuery);
      const tokens = accountSid ? await authTokensOf(accountSid) : [];
      const signed = tokens.some((authToken) => verifyTwilioSignature({ authToken, url, params, header: headers.signature, settingsHeader: headers.settings }).ok);
      if (!signed) return { status: 401 };
      let message: MessageStatus;
      try {
        message = parseMessageStatus(params);
      } catch (error) {
        if (error instanceof FrontdeskError) return { status: 400, error };
        throw error;
      }
      await db.write(async (writer) => {
        const at = now();
        const { duplicate } = await recordProviderEvent(writer, { tenantId: null, provider: "twilio", kind: "sms_status", subjectId: message.messageSid, dedupeKey: message.dedupeKey, receivedAt: at, body: rawBody });
        if (duplicate || !deliveryStatuses.includes(message.status)) return;
        await recordSmsDelivery(writer, message.messageSid, message.status as SmsDeliveryStatus, at);
      }, { keepsSetup: true });
      return { status: 204 };
    },
  };
}

export type SmsStatusService = ReturnType<typeof smsStatusService>;
