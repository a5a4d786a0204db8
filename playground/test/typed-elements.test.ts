import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { codeBlocks } from "@frontdesk/server/testing/docs";

const apps = fileURLToPath(new URL("../apps/", import.meta.url));
const require = createRequire(import.meta.url);
const compilers = {
  tsc: require.resolve("typescript/bin/tsc"),
  "vue-tsc": require.resolve("vue-tsc/bin/vue-tsc.js"),
};

/** Runs a type checker on one of apps/' tsconfigs and returns its diagnostics, one line each, or "" when it passes. */
async function typecheck(compiler: keyof typeof compilers, project: string, ...options: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [compilers[compiler], "-p", project, "--pretty", "false", ...options], { cwd: apps });
    return stdout;
  } catch (error) {
    const { stdout, code } = error as { stdout: string; code: number };
    if (code !== 2) throw error;
    return stdout.split("\n").filter((line) => line.startsWith("fixtures/")).join("\n");
  }
}

// pnpm typecheck proves the playground's pages use the elements rightly; this proves the types would have said otherwise.
describe("the generated element types, in an app that uses the elements wrongly", () => {
  it("React 19 (tsc): a wrong attribute value, a wrong field of an event's detail and a string for a boolean attribute each fail", async () => {
    const errors = await typecheck("tsc", "fixtures/tsconfig.react.json");
    expect(errors).toMatch(/wrong-types\.tsx\(2,\d+\): error TS2322: Type '"sideways"' is not assignable to type '"inline" \| "popup" \| "floating" \| undefined'/);
    expect(errors).toMatch(/wrong-types\.tsx\(3,\d+\): error TS2339: Property 'bookingId' does not exist on type '\{ appointmentId: string;/);
    expect(errors).toMatch(/wrong-types\.tsx\(4,\d+\): error TS2322: .*"hide-powered-by"/);
    expect(errors.split("\n")).toHaveLength(3);
  });

  it("Vue 3 (vue-tsc): a wrong attribute value, a wrong field of an event's detail and a wrong theme each fail", async () => {
    const errors = await typecheck("vue-tsc", "fixtures/tsconfig.vue.json");
    expect(errors).toMatch(/WrongTypes\.vue\(3,\d+\): error TS2322: Type '"sideways"' is not assignable to type '"inline" \| "popup" \| "floating" \| undefined'/);
    expect(errors).toMatch(/WrongTypes\.vue\(4,\d+\): error TS2339: Property 'bookingId' does not exist on type '\{ appointmentId: string;/);
    expect(errors).toMatch(/WrongTypes\.vue\(5,\d+\): error TS2322: Type '"sepia"' is not assignable to type '"light" \| "dark" \| "auto" \| undefined'/);
    expect(errors.split("\n")).toHaveLength(3);
  });

  it("checks the playground's own pages: pnpm typecheck's programs hold them", async () => {
    // An `exclude` inherited from the repository's tsconfig once left these programs empty, and so always green.
    expect(await typecheck("tsc", "react", "--listFilesOnly")).toContain("apps/react/booking-page.tsx");
    expect(await typecheck("vue-tsc", "vue", "--listFilesOnly")).toContain("apps/vue/BookingPage.vue");
  });
});

describe("docs/embedding.md's React and Vue examples", () => {
  it("typecheck against the generated types, as they are printed", async () => {
    const [react] = codeBlocks("embedding.md", "tsx");
    const [vue] = codeBlocks("embedding.md", "vue");
    const dir = new URL("../apps/.snippets/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL("Booking.tsx", dir), `import { useState } from "react";\n${react}`);
    writeFileSync(new URL("Booking.vue", dir), `<script setup lang="ts">\nimport { ref } from "vue";\nconst booked = ref<string>();\n</script>\n\n${vue}`);
    const config = (app: string, files: string[]) =>
      JSON.stringify({ extends: `../${app}/tsconfig.json`, include: [...files, `../../../packages/elements/types/${app}.d.ts`] });
    writeFileSync(new URL("tsconfig.react.json", dir), config("react", ["Booking.tsx"]));
    writeFileSync(new URL("tsconfig.vue.json", dir), config("vue", ["Booking.vue", "../vue/env.d.ts"]));
    expect(await typecheck("tsc", ".snippets/tsconfig.react.json")).toBe("");
    expect(await typecheck("vue-tsc", ".snippets/tsconfig.vue.json")).toBe("");
  });
});
