/**
 * Retell, the voice brain of the phone line. The adapter implementing `VoiceAgentProvider` with retell-sdk, and its
 * fake under `src/testing/`, come next; the pure webhook module (signatures and body parsers) is here already.
 */
export * from "./webhook";
