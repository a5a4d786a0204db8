import type { TRPCError } from "@trpc/server";
import { z } from "zod";
import { FrontdeskError, validationMessage, type ErrorCode } from "@frontdesk/core";

// Checks without a message of their own speak to the person who sent the input, not in zod's words.
z.config({ customError: validationMessage });

export interface FrontdeskErrorData {
  code: ErrorCode;
  field?: string;
}

export interface ErrorDescription {
  message: string;
  data: FrontdeskErrorData;
}

interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
}

const sendAsJson = "url-encoded in ?input= for a GET, as the body for a POST";

/** What a failed call tells the person who made it: a sentence to act on, a documented code, and the field at fault. `INTERNAL` is logged by the caller. */
export function describe(error: TRPCError, call: { type: string; path: string | undefined }): ErrorDescription {
  const cause = error.cause;
  if (cause instanceof FrontdeskError) return { message: cause.message, data: { code: cause.code, ...(cause.field ? { field: cause.field } : {}) } };
  const name = (call.path ?? "").slice(0, 100);
  switch (error.code) {
    case "BAD_REQUEST": {
      const issue = (cause as { issues?: Issue[] } | undefined)?.issues?.[0];
      if (issue) return validationFailed(issue);
      if (cause instanceof SyntaxError) return { message: `The input is not valid JSON. Send it as JSON, ${sendAsJson}.`, data: { code: "INVALID_JSON" } };
      return { message: `This request could not be read: ${error.message}.`, data: { code: "VALIDATION_FAILED" } };
    }
    case "PARSE_ERROR":
      return { message: `The request is not valid JSON. Send the input as JSON, ${sendAsJson}.`, data: { code: "INVALID_JSON" } };
    case "METHOD_NOT_SUPPORTED": {
      const message =
        call.type === "query"
          ? `${name} reads data: call it with GET, the input url-encoded in ?input=.`
          : call.type === "mutation"
            ? `${name} changes data: call it with POST, the input as a JSON body.`
            : "Call queries with GET and changes with POST.";
      return { message, data: { code: "METHOD_NOT_ALLOWED" } };
    }
    case "UNSUPPORTED_MEDIA_TYPE":
      return { message: "Send the input as JSON, with the header content-type: application/json.", data: { code: "UNSUPPORTED_MEDIA_TYPE" } };
    case "NOT_FOUND":
      return { message: `There is no call named ${name || "like that"}. See the API reference for the calls there are.`, data: { code: "UNKNOWN_PROCEDURE" } };
    default:
      return { message: "Something went wrong on our side. Please try again.", data: { code: "INTERNAL" } };
  }
}

function validationFailed(issue: Issue): ErrorDescription {
  const field = issue.path.map(String).join(".");
  // The whole input is missing or not an object: no field to point at, so say how to send it.
  const message = !field && issue.code === "invalid_type" ? `Send this call's input as a JSON object, ${sendAsJson}.` : issue.message;
  return { message, data: { code: "VALIDATION_FAILED", ...(field ? { field } : {}) } };
}
