import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { errorStatus } from "@frontdesk/core";
import { publicBodyLimitBytes, secretBodyLimitBytes } from "../http/limits";
import { appRouter } from "../router";
import { version } from "../version";
import { restBase } from "./handler";
import { restTags } from "./meta";

type Operation = { responses?: Record<string, unknown>; requestBody?: unknown; parameters?: unknown[] };

type Components = NonNullable<OpenAPIObject["components"]>;

const errorSchema: NonNullable<Components["schemas"]>[string] = {
  type: "object",
  description: "What went wrong: a stable code to act on, a sentence for a person, and the input field at fault when there is one.",
  properties: {
    code: { type: "string", enum: Object.keys(errorStatus), description: "See docs/api.md, Errors." },
    message: { type: "string" },
    field: { type: "string", description: "The input field at fault, e.g. `customer.email`, `start`, `authorization`." },
  },
  required: ["code", "message"],
};

const errorResponses: Record<number, string> = {
  400: "The input is not valid (`VALIDATION_FAILED` names the field) or breaks a rule of the business.",
  401: "The secret key is missing, unknown or revoked (`UNKNOWN_SECRET_KEY`).",
  403: "The key lacks the scope this route needs (`MISSING_SCOPE`).",
  404: "Nothing with that id in this business (another business's ids read as not found too).",
  409: "It conflicts with what is there now, e.g. `SLOT_TAKEN`.",
  413: "The request is too large (`REQUEST_TOO_LARGE`).",
  429: "Too many calls (`RATE_LIMITED`); the `Retry-After` header says when to try again.",
  500: "Something went wrong on our side (`INTERNAL`).",
};

/** The errors an operation can answer: every route may be refused a key, a scope or its rate; changes may conflict. */
function errorsOf(method: string, operation: Operation): number[] {
  const changes = method !== "get";
  const hasId = (operation.parameters ?? []).some((parameter) => (parameter as { in?: string }).in === "path");
  return [400, 401, 403, ...(changes || hasId ? [404] : []), ...(changes ? [409] : []), ...(operation.requestBody ? [413] : []), 429, 500];
}

/**
 * The OpenAPI 3.1 document of every procedure that has a REST route, with our error body (`Error`) in place of
 * the generator's tRPC-shaped ones.
 */
export function restDocument(publicUrl: string): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    openApiVersion: "3.1.0",
    title: "Frontdesk REST API",
    version,
    description: `For a business's own server: the same calls as the tRPC API, authorised by a secret key (\`Authorization: Bearer sk_…\`) with the scope each route names. Bodies are JSON, at most ${secretBodyLimitBytes / 1024 / 1024} MB with a valid key (${publicBodyLimitBytes / 1024} kB without); errors are \`{ code, message, field }\`.`,
    baseUrl: `${publicUrl.replace(/\/$/, "")}${restBase}`,
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A secret key, `sk_…`, from the business's keys. Never put one in a web page." } },
  });
  for (const item of Object.values(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      const success = Object.fromEntries(Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith("2")));
      const errors = Object.fromEntries(errorsOf(method, operation).map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }]));
      operation.responses = { ...success, ...errors };
    }
  }
  const schemas = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).filter(([id]) => !id.startsWith("error.")));
  document.components = {
    ...document.components,
    schemas: { ...schemas, Error: errorSchema },
    responses: Object.fromEntries(
      Object.entries(errorResponses).map(([status, description]) => [
        `Error${status}`,
        { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      ]),
    ),
  };
  document.tags = Object.entries(restTags).map(([name, description]) => ({ name, description }));
  return document;
}
