import type { z } from "zod";

const what: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

const formats: Record<string, string> = {
  email: "Enter an email address like name@example.com.",
  url: "Use a full address starting with https://.",
  datetime: "Use an ISO 8601 date-time such as 2026-03-14T09:30:00Z.",
  date: "Use a date like 2026-03-14.",
  time: "Use a time like 09:30.",
};

const quoted = (value: unknown) => JSON.stringify(value) ?? String(value);

/**
 * zod's own wording ("Invalid input: expected string, received null") rewritten for the person who sent
 * the input. A schema's own message always wins; this covers the checks that have none. Pass it as
 * zod's `customError` (the server does) or as `error` to one parse.
 */
export const validationMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "This is required.";
      if (issue.expected === "int" && typeof issue.input === "number") return "Use a whole number.";
      return `Use ${what[issue.expected] ?? issue.expected} here${issue.input === null ? ", not null" : ""}.`;
    }
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return minimum <= 1 ? "This can't be empty." : `Use at least ${minimum} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return minimum <= 1 ? "List at least one." : `List at least ${minimum}.`;
      return issue.inclusive === false ? `Use more than ${minimum}.` : `Use ${minimum} or more.`;
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return `Use at most ${maximum} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return `List at most ${maximum}.`;
      return issue.inclusive === false ? `Use less than ${maximum}.` : `Use ${maximum} or less.`;
    }
    case "invalid_format":
      return formats[issue.format] ?? "This is not in the expected form; see the API reference for an example.";
    case "invalid_value":
      return issue.values.length === 1 ? `Use ${quoted(issue.values[0])}.` : `Use one of ${issue.values.map(quoted).join(", ")}.`;
    case "not_multiple_of":
      return `Use a multiple of ${Number(issue.divisor)}.`;
    case "unrecognized_keys":
      return `Remove ${issue.keys.join(", ")}: this call has no such field.`;
    case "invalid_key":
      return "This key is not one this call takes.";
    case "invalid_union":
    case "invalid_element":
    case "custom":
    default:
      return "This value is not accepted here; see the API reference for what it takes.";
  }
};
