import { MessageRejected, type Messenger } from "@frontdesk/core";
import { forTenant, type Db } from "@frontdesk/db";
import type { PhoneConnections } from "../phone/connections";

/**
 * How a business texts its customers: from its oldest active Twilio number that takes SMS, through that number's
 * Twilio account. A business with none gets `MessageRejected` (permanent): the message is marked failed, not retried.
 */
export function smsSender(db: Db, phone: PhoneConnections) {
  return async (tenantId: string): Promise<{ messenger: Messenger; from: string }> => {
    const scope = forTenant(db, tenantId);
    const tenant = await scope.tenant();
    const number = (await scope.phoneNumbers(["active"])).filter((row) => row.carrier === "twilio" && row.capabilities.sms).at(-1);
    if (!tenant || !number) throw new MessageRejected("The business has no active Twilio number that takes SMS to send from.", { permanent: true });
    try {
      const carrier = await phone.carrierFor(tenant, number.connectionId);
      return { messenger: carrier.sms, from: number.e164 };
    } catch (error) {
      throw new MessageRejected(`The business's Twilio account cannot be used: ${error instanceof Error ? error.message : String(error)}`, { permanent: true });
    }
  };
}
