import { beforeAll, describe, expect, it } from "vitest";
import { errorStatus } from "@frontdesk/core";
import { FrontdeskClientError } from "@frontdesk/client";
import { commonErrorTexts, errorText, type ErrorTextCode } from "./error-text";
import { useLanguage } from "./localization";

const codes = [...Object.keys(errorStatus), "NETWORK"] as ErrorTextCode[];
const serverSentence = "The server's own English sentence.";
const fields = [undefined, "customer.name", "customer.email", "customer.phone", "notes", "reason", "token", "start", "customerTimeZone"];

/** Every text the table can give: each code, and each field variant of a validation error. */
function allTexts(): string[] {
  const texts = codes.map((code) => errorText(new FrontdeskClientError(code, serverSentence)));
  for (const field of fields) texts.push(errorText(new FrontdeskClientError("VALIDATION_FAILED", serverSentence, field)));
  return texts;
}

describe("the widgets' words for API errors", () => {
  it("has its own sentence for every error code the API documents, and the server's only for a code it does not know", () => {
    expect(Object.keys(commonErrorTexts).sort()).toEqual([...codes].sort());
    expect(allTexts()).not.toContain(serverSentence);
    const newer = new FrontdeskClientError("SOMETHING_NEW" as ErrorTextCode, serverSentence);
    expect(errorText(newer)).toBe(serverSentence);
  });

  it("words a validation error by the field the server names", () => {
    const text = (field: string) => errorText(new FrontdeskClientError("VALIDATION_FAILED", serverSentence, field));
    expect(text("token")).toBe("This link is incomplete. Open the link from your confirmation email again.");
    expect(text("customer.email")).toBe("Enter an email address like name@example.com.");
  });

  describe("in Spanish", () => {
    beforeAll(async () => {
      // @lit/localize announces a language change on `window`; outside a browser an event target stands in.
      (globalThis as { window?: EventTarget }).window ??= new EventTarget();
      await useLanguage("es");
    });

    it("translates every one of them", async () => {
      const spanish = allTexts();
      await useLanguage("en");
      const english = allTexts();
      await useLanguage("es");
      expect(spanish.filter((text, at) => text === english[at])).toEqual([]);
    });
  });
});
