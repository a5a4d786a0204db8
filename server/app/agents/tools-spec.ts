import { z } from "zod";
import { callIntents, callOutcomes, toolArgs, type AgentConfig, type AgentToolName, type AnalysisField, type JsonSchemaObject, type ToolDefinition } from "@frontdesk/core";

/**
 * What the agent's language model is told about each of our tools: what it is for, what to pass, what to say while
 * it runs. The parameters' types and required fields come from the tools' own argument schemas (`toolArgs`).
 */
const toolTexts: Record<AgentToolName, { description: string; speakDuring?: string; parameters: Record<string, string> }> = {
  check_availability: {
    description: "Find free times for a service on a day. Call it before offering any time; offer only the times it answers.",
    speakDuring: "Say you are checking the calendar.",
    parameters: { service: "The service as the caller named it.", date: "The day as the caller said it (e.g. next Tuesday) or YYYY-MM-DD.", part_of_day: "morning, afternoon, evening or any.", staff: "A staff member the caller asked for." },
  },
  book_appointment: {
    description: "Book a time check_availability offered, once the caller has chosen it and given their name.",
    speakDuring: "Say you are booking it now.",
    parameters: { service: "The service.", start: "The start of the chosen slot, exactly as check_availability gave it.", name: "The caller's full name.", email: "The caller's e-mail, if they gave one.", phone: "Another number than the one they call from, if they gave one.", notes: "Anything the staff should know." },
  },
  reschedule_appointment: {
    description: "Move the caller's appointment to a new time check_availability offered.",
    speakDuring: "Say you are moving the appointment.",
    parameters: { appointment: "The appointment's id from find_customer; leave out for the caller's next appointment.", new_start: "The new slot's start, exactly as check_availability gave it." },
  },
  cancel_appointment: {
    description: "Cancel the caller's appointment, once they confirmed which one.",
    speakDuring: "Say you are cancelling it.",
    parameters: { appointment: "The appointment's id from find_customer; leave out for the caller's next appointment.", reason: "Why, in the caller's words." },
  },
  find_customer: {
    description: "Look the caller up by the number they call from (or a name) to find their upcoming appointments.",
    speakDuring: "Say you are looking them up.",
    parameters: { phone: "Another number than the one they call from.", name: "The caller's name." },
  },
  business_info: {
    description: "Answer questions about the business: hours, address, directions, services, prices, or anything else (faq).",
    parameters: { topic: "hours, address, directions, services, prices or faq.", question: "The caller's question in their words." },
  },
  take_message: {
    description: "Take a message for the staff to call back, when you cannot help or nobody can take the call.",
    parameters: { name: "The caller's name.", message: "The message, complete.", phone: "A callback number, if not the one they call from.", urgency: "normal or urgent." },
  },
  transfer_to_human: {
    description: "Check whether a person can take the call now. On TRANSFER_OK call transfer_call; otherwise offer take_message.",
    speakDuring: "Say you are checking whether someone is free.",
    parameters: { reason: "Why the caller needs a person." },
  },
};

function parametersOf(name: AgentToolName): JsonSchemaObject {
  const schema = z.toJSONSchema(toolArgs[name], { io: "input" }) as { properties?: Record<string, { type?: string; enum?: string[] }>; required?: string[] };
  const properties: JsonSchemaObject["properties"] = {};
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    properties[field] = { type: property.type ?? "string", ...(toolTexts[name].parameters[field] ? { description: toolTexts[name].parameters[field] } : {}), ...(property.enum ? { enum: property.enum } : {}) };
  }
  return { type: "object", properties, ...(schema.required?.length ? { required: schema.required } : {}) };
}

/** The URL Retell posts one tool's calls to: the route contract (`/webhooks/retell/agents/{agentId}/tools/{tool}`). */
export const toolUrl = (publicUrl: string, agentId: string, tool: string) => `${publicUrl}/webhooks/retell/agents/${agentId}/tools/${tool}`;
/** Where Retell sends the agent's call events. */
export const eventsUrl = (publicUrl: string, agentId: string) => `${publicUrl}/webhooks/retell/agents/${agentId}/events`;

/** The custom tools of an agent's release, in the order the vocabulary lists them. */
export function toolDefinitions(publicUrl: string, agentId: string, config: Pick<AgentConfig, "tools">): ToolDefinition[] {
  return (Object.keys(toolTexts) as AgentToolName[])
    .filter((name) => config.tools.includes(name))
    .map((name) => ({
      name,
      description: toolTexts[name].description,
      parameters: parametersOf(name),
      url: toolUrl(publicUrl, agentId, name),
      ...(toolTexts[name].speakDuring ? { speakDuring: toolTexts[name].speakDuring } : {}),
    }));
}

/** Every tool as the Retell LLM gets it (what `publish` sends), kept with each version and compared by `preview`. */
export type PublishedTool = Record<string, unknown> & { type: string; name: string };

export function publishedTools(tools: ToolDefinition[], transfers: boolean): PublishedTool[] {
  return [
    ...tools.map((tool) => ({
      type: "custom",
      name: tool.name,
      description: tool.description,
      url: tool.url,
      method: "POST",
      parameters: tool.parameters,
      speak_during_execution: Boolean(tool.speakDuring),
      ...(tool.speakDuring ? { execution_message_description: tool.speakDuring } : {}),
      timeout_ms: 8000,
      max_retry: 2,
    })),
    ...(transfers ? [{ type: "transfer_call", name: "transfer_call", transfer_destination: { type: "predefined", number: "{{transfer_number}}" }, transfer_option: { type: "cold_transfer" } }] : []),
    { type: "end_call", name: "end_call" },
  ];
}

/** The custom tools of a version as published, back as the release's definitions (for a rollback). */
export function definitionsOf(tools: PublishedTool[]): ToolDefinition[] {
  return tools
    .filter((tool) => tool.type === "custom")
    .map((tool) => ({
      name: tool.name,
      description: String(tool.description ?? ""),
      parameters: tool.parameters as JsonSchemaObject,
      url: String(tool.url),
      ...(typeof tool.execution_message_description === "string" ? { speakDuring: tool.execution_message_description } : {}),
    }));
}

/** What Retell's post-call analysis fills in for every call: read back by the call records. */
export const analysisFields: AnalysisField[] = [
  { name: "intent", type: "enum", description: "What the caller mainly wanted.", choices: [...callIntents] },
  { name: "intent_confidence", type: "number", description: "How sure the intent is, from 0 to 1." },
  { name: "outcome", type: "enum", description: "successful: the caller got what they called for; escalated: handed to a person or a message was taken; failed: neither.", choices: [...callOutcomes] },
  { name: "escalation_reason", type: "string", description: "Why the call was escalated to a person, if it was; empty otherwise." },
  { name: "satisfaction", type: "number", description: "The caller's satisfaction from 1 (unhappy) to 5 (delighted), as the call suggests." },
];
