import { describe, expect, it } from "vitest";
import { createProviders } from "../app/providers";
import { readSettings } from "../app/settings";

describe("the providers a server runs with", () => {
  it("send email over SMTP when SMTP_URL is set", () => {
    const { messenger } = createProviders(readSettings({ SMTP_URL: "smtp://user:pass@127.0.0.1:2525", SMTP_FROM: "desk@clinic.example" }));
    expect(messenger?.transport).toBe("smtp");
  });

  it("keep messages in the sandbox outbox without credentials", () => {
    expect(createProviders(readSettings({})).messenger).toBeNull();
  });
});
