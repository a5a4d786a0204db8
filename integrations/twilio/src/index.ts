/**
 * Twilio, the carrier of the phone line. The adapter implementing `TelephonyProvider` (and an SMS `Messenger`) with
 * the twilio SDK, and its fake under `src/testing/`, come next; the pure webhook module is here already.
 */
export * from "./webhook";
