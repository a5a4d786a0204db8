import { describe, expect, it } from "vitest";
import { toolAnswerSchema } from "@frontdesk/core";
import { bestMatch, languageOf, speaker } from "../app/tools/phrases";
import { canonicalJson } from "../app/tools/args-hash";
import { answerBody, maxAnswerBytes } from "../app/tools/tools.service";

describe("tool answers", () => {
  it("hash the same arguments the same whatever order the model wrote them in", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: "x" } })).toBe(canonicalJson({ a: { c: "x", d: [2, { e: 0, f: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: "1" }));
  });

  it("stay under 2 kB, keeping what to say and the code, however much a tool found", () => {
    const slots = Array.from({ length: 5 }, (_, n) => ({ start: `2027-01-19T1${n}:00:00.000Z`, label: "x".repeat(200), staff: "y".repeat(200) }));
    const body = answerBody({ say: "z".repeat(1500), ok: true, code: "SLOTS", slots, sources: ["w".repeat(900)] });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(maxAnswerBytes);
    expect(toolAnswerSchema.parse(JSON.parse(body))).toMatchObject({ ok: true, code: "SLOTS" });
    const small = { say: "Connecting you now.", ok: true, code: "TRANSFER_OK" as const, transfer_number: "+14155550199" };
    expect(answerBody(small)).toBe(JSON.stringify(small));
  });

  it("match services as callers name them, and nothing for what is not offered", () => {
    const services = [{ id: "svc_checkup", name: "Check-up & cleaning" }, { id: "svc_whitening", name: "Teeth whitening" }, { id: "svc_consult", name: "Consultación" }];
    expect(bestMatch(services, "a cleaning")?.id).toBe("svc_checkup");
    expect(bestMatch(services, "checkup")?.id).toBe("svc_checkup");
    expect(bestMatch(services, "whiten my teeth")?.id).toBe("svc_whitening");
    expect(bestMatch(services, "consultacion")?.id).toBe("svc_consult");
    expect(bestMatch(services, "svc_whitening")?.id).toBe("svc_whitening");
    expect(bestMatch(services, "haircut")).toBeUndefined();
    expect(bestMatch(services, "   ")).toBeUndefined();
  });

  it("speak Spanish for a Spanish agent and English otherwise, with plain spaces in times", () => {
    expect([languageOf("es-US"), languageOf("es-MX"), languageOf("en-GB"), languageOf("multi")]).toEqual(["es", "es", "en", "en"]);
    const at = Date.parse("2027-01-19T14:00:00Z");
    expect(speaker("en", "America/New_York").when(at)).toBe("Tuesday, January 19 at 9:00 AM");
    expect(speaker("es", "America/New_York").when(at)).toBe("martes, 19 de enero a las 9:00");
    expect(speaker("en", "America/New_York").relativeDay(at, Date.parse("2027-01-18T20:00:00Z"))).toBe("tomorrow");
  });
});
