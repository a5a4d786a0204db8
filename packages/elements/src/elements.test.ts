import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Package } from "custom-elements-manifest/schema";
import { themeTokens } from "../../ui/src/tokens";
import { elementsOf, repoRoot, type ElementDeclaration } from "./manifest";
import { docsFile, generate, outputFiles } from "./outputs";

const here = new URL("../", import.meta.url);
const regenerate = "run `pnpm --filter @frontdesk/elements generate` and commit what it changes";
let made: ReturnType<typeof generate>;
let manifest: Package;
const element = (tag: string): ElementDeclaration => elementsOf(manifest).find((candidate) => candidate.tagName === tag)!;

// Analysing every element source takes about 13 s alone, and several times that beside the rest of the suite.
beforeAll(() => {
  made = generate();
  manifest = JSON.parse(made.files[outputFiles.manifest]!) as Package;
}, 120_000);

describe("custom-elements.json and what is made from it", () => {
  it.each(Object.values(outputFiles))("the repository's %s is what the element sources make", (file) => {
    expect(readFileSync(new URL(file, here), "utf8"), `${file} is out of date: ${regenerate}`).toBe(made.files[file]);
  });

  it("docs/embedding.md's reference section is what the manifest says", () => {
    expect(readFileSync(docsFile, "utf8"), `docs/embedding.md's reference is out of date: ${regenerate}`).toBe(made.docs);
  });

  it("docs/embedding.md's own attribute tables, custom properties and parts are the manifest's", () => {
    const docs = readFileSync(docsFile, "utf8");
    const handWritten = docs.slice(0, docs.indexOf("## Reference"));
    // The tables for <fd-booking>, <fd-booking-manage> and <fd-provider>, in that order: the names in each row's first cell.
    const tables = handWritten.split("| attribute | default | meaning |").slice(1).map((table) => table.split("\n\n")[0]!);
    const named = tables.map((table) => table.split("\n").flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([a-z-]+)`/g)].map((match) => match[1]!)).sort());
    expect(named).toEqual(["fd-booking", "fd-booking-manage", "fd-provider"].map((tag) => element(tag).attributes!.map((attribute) => attribute.name).sort()));
    const properties = new Set(handWritten.match(/--fd-[a-z-]+/g));
    expect([...properties].sort()).toEqual(element("fd-booking").cssProperties!.map((property) => property.name).sort());
    // The sentence also names the modes the dialog's parts belong to ("in `popup` and `floating` modes").
    const modes = ["inline", "popup", "floating"];
    const partsIn = (pattern: RegExp) =>
      [...(pattern.exec(handWritten)?.[1] ?? "").matchAll(/`([a-z-]+)`/g)].map((match) => match[1]!).filter((name) => !modes.includes(name)).sort();
    const parts = (tag: string) => element(tag).cssParts!.map((part) => part.name).sort();
    expect(partsIn(/style the parts with `::part\(\)`: ([\s\S]*?)\n\n/)).toEqual(parts("fd-booking"));
    expect(partsIn(/has the parts ([\s\S]*?)\. After/)).toEqual(parts("fd-booking-manage"));
  });

  it("describes the public elements, each with its attributes", () => {
    const attributes = (tag: string) => element(tag).attributes?.map((attribute) => attribute.name);
    expect(elementsOf(manifest).map((declaration) => declaration.tagName)).toEqual(["fd-account", "fd-agents", "fd-api-keys", "fd-approvals", "fd-back-office", "fd-booking", "fd-booking-manage", "fd-business-setup", "fd-calendar-connections", "fd-call-detail", "fd-call-log", "fd-phone-numbers", "fd-provider", "fd-sign-in", "fd-team"]);
    const common = ["api-base", "locale", "theme", "hide-powered-by"];
    expect(attributes("fd-booking")).toEqual(["publishable-key", "service", "staff", "time-zone", "mode", "button-label", "name", "email", "phone", ...common]);
    expect(attributes("fd-booking-manage")).toEqual(["token", "time-zone", ...common]);
    expect(attributes("fd-provider")).toEqual(["api-base", "publishable-key", "client-secret", "locale", "theme"]);
    expect(attributes("fd-business-setup")).toEqual(["business", ...common]);
    expect(attributes("fd-team")).toEqual(["business", ...common]);
    expect(attributes("fd-api-keys")).toEqual(["business", ...common]);
    expect(attributes("fd-approvals")).toEqual(["business", ...common]);
    expect(attributes("fd-calendar-connections")).toEqual(["staff-id", "business", ...common]);
    expect(attributes("fd-sign-in")).toEqual(["mode", "reset-token", ...common]);
    expect(attributes("fd-account")).toEqual(common);
    expect(attributes("fd-back-office")).toEqual(common);
  });

  it("types every event's detail", () => {
    const events = elementsOf(manifest).flatMap((declaration) => declaration.events ?? []);
    expect(events.map((event) => event.name).sort()).toEqual([
      "fd-account-updated",
      "fd-agent-created",
      "fd-agent-published",
      "fd-agent-updated",
      "fd-api-key-created",
      "fd-api-key-revoked",
      "fd-approval-decided",
      "fd-approval-decided",
      "fd-booking-cancelled",
      "fd-booking-closed",
      "fd-booking-created",
      "fd-booking-opened",
      "fd-booking-rescheduled",
      "fd-business-chosen",
      "fd-business-setup-completed",
      "fd-business-setup-saved",
      "fd-calendar-connected",
      "fd-calendar-disconnected",
      "fd-calendars-chosen",
      "fd-call-open",
      "fd-call-open",
      "fd-number-added",
      "fd-number-released",
      "fd-number-updated",
      "fd-signed-in",
      "fd-signed-out",
      "fd-team-member-invited",
      "fd-team-member-removed",
      "fd-team-member-updated",
    ]);
    expect(element("fd-booking").events?.find((event) => event.name === "fd-booking-created")?.type?.text).toBe(
      'CustomEvent<{ appointmentId: string; start: string; end: string; serviceId: string; staffId: string; status: "pending" | "confirmed" }>',
    );
    for (const event of events) expect(event.type?.text, event.name).toMatch(/^CustomEvent<(null|\{ .+ \})>$/);
  });

  it("lists every --fd-* custom property the widgets read, and no other", () => {
    for (const tag of ["fd-booking", "fd-booking-manage", "fd-business-setup", "fd-team", "fd-approvals"]) {
      expect(element(tag).cssProperties?.map((property) => property.name).sort(), tag).toEqual(themeTokens.map((token) => token.property).sort());
    }
  });

  // The files each widget's templates come from, its own and the shared ones in packages/ui.
  const templates = {
    "fd-booking": ["widgets/booking/src/booking/booking.ts", "widgets/booking/src/booking/booking.steps.ts", "widgets/booking/src/booking/details.ts", "widgets/booking/src/booking/hold-controller.ts", "packages/ui/src/dialog/dialog-controller.ts"],
    "fd-booking-manage": ["widgets/booking-manage/src/booking-manage/booking-manage.ts", "widgets/booking-manage/src/booking-manage/booking-manage.views.ts"],
  };
  const shared = ["packages/ui/src/widget.ts", "packages/ui/src/widget-parts.ts", "packages/ui/src/slot-picker.ts"];

  it.each(Object.entries(templates))("lists exactly the ::part names %s's templates draw", (tag, files) => {
    const drawn = new Set<string>();
    for (const file of [...files, ...shared]) {
      const source = readFileSync(repoRoot + file, "utf8");
      for (const [, names] of source.matchAll(/\bpart="([^"]+)"/g)) names!.split(/\s+/).forEach((name) => drawn.add(name));
      for (const [, names] of source.matchAll(/\bexportparts="([^"]+)"/g)) names!.split(/,\s*/).forEach((name) => drawn.add(name.trim()));
    }
    expect(element(tag).cssParts?.map((part) => part.name).sort()).toEqual([...drawn].sort());
  });

  // The back-office widgets draw the frame of packages/ui's widget.ts and their own parts, with no slot picker.
  const backOffice = ["packages/ui/src/widget.ts", "widgets/team/src/back-office/back-office-widget.ts"];
  const backOfficeTemplates = {
    "fd-business-setup": ["widgets/team/src/business-setup/business-setup.ts", "widgets/team/src/business-setup/business-setup.steps.ts", "widgets/team/src/business-setup/opening-hours.ts", ...backOffice],
    "fd-team": ["widgets/team/src/team/team.ts", ...backOffice],
    "fd-call-log": ["widgets/calls/src/call-log/call-log.ts", ...backOffice],
    "fd-call-detail": ["widgets/calls/src/call-detail/call-detail.ts", ...backOffice],
  };

  it.each(Object.entries(backOfficeTemplates))("lists exactly the ::part names %s's templates draw", (tag, files) => {
    const drawn = new Set<string>();
    for (const file of files) for (const [, names] of readFileSync(repoRoot + file, "utf8").matchAll(/\bpart="([^"]+)"/g)) names!.split(/\s+/).forEach((name) => drawn.add(name));
    expect(element(tag).cssParts?.map((part) => part.name).sort()).toEqual([...drawn].sort());
  });
});
