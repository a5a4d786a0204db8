/**
 * The voice-agent port: the AI that answers calls (Retell first). A first, minimal shape for the adapters to come.
 * The agent calls back into our tools (availability, booking) and reports calls through verified webhooks; this
 * port only manages agents and which number each answers.
 */

export interface VoiceAgentConfig {
  /** Shown to staff; the provider may show it too. */
  name: string;
  /** What the agent is told about the business and how to behave. */
  instructions: string;
  /** BCP 47, e.g. `en-US`. */
  language: string;
  /** Where the agent's custom tool calls go (our tool endpoints). */
  toolsUrl: string;
  /** Where call events go (started, ended, analysed). */
  webhookUrl: string;
}

export interface VoiceAgentProvider {
  /** A short name for logs and stored rows, e.g. `retell`, `sandbox`. */
  readonly name: string;
  createAgent(config: VoiceAgentConfig): Promise<{ providerAgentId: string }>;
  updateAgent(providerAgentId: string, config: VoiceAgentConfig): Promise<void>;
  /** Deleting an agent already deleted succeeds. */
  deleteAgent(providerAgentId: string): Promise<void>;
  /** Makes the agent answer calls to a number the business owns (E.164). */
  assignNumber(providerAgentId: string, phoneNumber: string): Promise<void>;
}
