import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { looksLikeE164, parsePhoneNumber, requireE164, toE164 } from "./phone";

describe("phone numbers", () => {
  it.each([
    ["(415) 555-0100", "US", "+14155550100", "US", "(415) 555-0100"],
    ["415.555.0142", "US", "+14155550142", "US", "(415) 555-0142"],
    ["+1 800 555 0199", undefined, "+18005550199", "US", "(800) 555-0199"],
    ["612 34 56 78", "ES", "+34612345678", "ES", "612 34 56 78"],
    ["+44 20 7946 0018", "US", "+442079460018", "GB", "020 7946 0018"],
  ])("reads %s (country %s) as %s", (written, defaultCountry, e164, country, national) => {
    expect(parsePhoneNumber(written, { defaultCountry })).toMatchObject({ e164, country, national });
  });

  it("tells a number's type", () => {
    expect(parsePhoneNumber("+18005550199").type).toBe("toll_free");
    expect(parsePhoneNumber("+34612345678").type).toBe("mobile");
  });

  it("refuses what is no number, or no valid one, with a code, a message and the field", () => {
    expect(() => parsePhoneNumber("call me maybe", { defaultCountry: "US", field: "customer.phone" })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", field: "customer.phone", message: expect.stringContaining("not a phone number") }),
    );
    expect(() => parsePhoneNumber("+1 415 555")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "phone" }));
    expect(() => parsePhoneNumber("555 0100")).toThrow(expect.objectContaining({ message: expect.stringContaining("Start it with +") }));
    expect(() => parsePhoneNumber("+1 099 555 0100")).toThrow(expect.objectContaining({ message: expect.stringContaining("not a valid phone number") }));
  });

  it("matches caller ids without refusing them", () => {
    expect(toE164("+1 (415) 555-0142")).toBe("+14155550142");
    expect(toE164("anonymous")).toBeUndefined();
    expect(toE164("4155550142", "US")).toBe("+14155550142");
  });

  it("requires E.164 as written where a carrier's number is expected", () => {
    expect(requireE164("+14155550100")).toBe("+14155550100");
    expect(looksLikeE164("+1 415 555 0100")).toBe(false);
    expect(() => requireE164("(415) 555-0100", "transferNumber")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "transferNumber" }));
  });
});

describe("the widget-facing entry points of @frontdesk/core", () => {
  const src = dirname(fileURLToPath(import.meta.url));
  const entries = ["index.ts", "vocabulary.ts", "scheduling/dates.ts"];

  /** Every module an entry point reaches by relative imports, and the packages they import. */
  function reach(entry: string) {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s+["']([^"']+)["']/g)) {
        if (!spec!.startsWith(".")) packages.add(spec!);
        else visit(resolveModule(resolve(dirname(file), spec!)));
      }
    };
    visit(join(src, entry));
    return { files: [...seen].map((file) => file.slice(src.length + 1)), packages: [...packages] };
  }

  it.each(entries)("%s never reaches libphonenumber-js (its metadata is server-side only)", (entry) => {
    const { files, packages } = reach(entry);
    expect(files).not.toContain("phone.ts");
    expect(packages.filter((name) => name.startsWith("libphonenumber-js"))).toEqual([]);
  });

  it("the phone entry point does (so the check above can fail)", () => {
    expect(reach("phone.ts").packages).toContain("libphonenumber-js/max");
  });
});

function resolveModule(path: string): string {
  for (const candidate of [path, `${path}.ts`, join(path, "index.ts")]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`Cannot resolve ${path}`);
}
