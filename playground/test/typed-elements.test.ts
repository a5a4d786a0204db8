import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { codeBlocks } from "@frontdesk/server/testing/docs";

const apps = fileURLToPath(new URL("../apps/", import.meta.url));
const scratch = new URL("../apps/.snippets/", import.meta.url);
const require = createRequire(import.meta.url);
const compilers = { react: require.resolve("typescript/bin/tsc"), vue: require.resolve("vue-tsc/bin/vue-tsc.js") };

interface Checked {
  /** `file(line,col): error TS…: message`, one per diagnostic, files relative to apps/. */
  errors: string[];
  files: string[];
}

/**
 * One program per framework, as `pnpm typecheck` builds it, plus the docs' example and the fixture of wrong uses:
 * one compiler run checks that the pages and the example pass and that each wrong use fails.
 */
async function typecheck(framework: "react" | "vue", files: string[]): Promise<Checked> {
  const project = fileURLToPath(new URL(`tsconfig.${framework}.json`, scratch));
  writeFileSync(project, JSON.stringify({ extends: `../${framework}/tsconfig.json`, include: [...files, `../../../packages/elements/types/${framework}.d.ts`] }));
  const output = await promisify(execFile)(process.execPath, [compilers[framework], "-p", project, "--pretty", "false", "--listFiles"], { cwd: apps }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; code?: number }) => {
      if (error.code !== 2 || !error.stdout) throw error;
      return error.stdout;
    },
  );
  const lines = output.split("\n");
  return { errors: lines.filter((line) => /^\S+\(\d+,\d+\): error /.test(line)), files: lines.filter((line) => line.startsWith("/")) };
}

let react: Checked;
let vue: Checked;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  const [tsx] = codeBlocks("embedding.md", "tsx");
  const [template] = codeBlocks("embedding.md", "vue");
  writeFileSync(new URL("Booking.tsx", scratch), `import { useState } from "react";\n${tsx}`);
  writeFileSync(new URL("Booking.vue", scratch), `<script setup lang="ts">\nimport { ref } from "vue";\nconst booked = ref<string>();\n</script>\n\n${template}`);
  [react, vue] = await Promise.all([
    typecheck("react", ["../react/*.tsx", "Booking.tsx", "../fixtures/wrong-types.tsx"]),
    typecheck("vue", ["../vue/*.ts", "../vue/*.vue", "Booking.vue", "../fixtures/WrongTypes.vue"]),
  ]);
}, 60_000);

describe("the generated element types", () => {
  it("take the playground's React and Vue pages and the docs' examples as they are", () => {
    // An `exclude` inherited from the repository's tsconfig once left these programs empty, and so always green.
    expect(react.files.join("\n")).toMatch(/apps\/react\/booking-page\.tsx[\s\S]*apps\/\.snippets\/Booking\.tsx/);
    expect(vue.files.join("\n")).toMatch(/apps\/vue\/BookingPage\.vue[\s\S]*apps\/\.snippets\/Booking\.vue/);
    expect([...react.errors, ...vue.errors].filter((line) => !line.startsWith("fixtures/"))).toEqual([]);
  });

  // A union is printed in the order the program first met its members, so the patterns name the members in any order.
  it("fail React 19 code (tsc) with a wrong attribute value, a wrong field of an event's detail, a string for a flag", () => {
    expect(react.errors).toHaveLength(3);
    expect(react.errors[0]).toMatch(/^fixtures\/wrong-types\.tsx\(2,\d+\): error TS2322: Type '"sideways"' is not assignable to type '(?=[^']*"inline")(?=[^']*"popup")[^']*"floating"[^']*'/);
    expect(react.errors[1]).toMatch(/^fixtures\/wrong-types\.tsx\(3,\d+\): error TS2339: Property 'bookingId' does not exist on type '\{ appointmentId: string;/);
    expect(react.errors[2]).toMatch(/^fixtures\/wrong-types\.tsx\(4,\d+\): error TS2322: .*"hide-powered-by"/);
  });

  it("fail Vue 3 templates (vue-tsc) with a wrong attribute value, a wrong field of an event's detail, a wrong theme", () => {
    expect(vue.errors).toHaveLength(3);
    expect(vue.errors[0]).toMatch(/^fixtures\/WrongTypes\.vue\(3,\d+\): error TS2322: Type '"sideways"' is not assignable to type '(?=[^']*"inline")(?=[^']*"popup")[^']*"floating"[^']*'/);
    expect(vue.errors[1]).toMatch(/^fixtures\/WrongTypes\.vue\(4,\d+\): error TS2339: Property 'bookingId' does not exist on type '\{ appointmentId: string;/);
    expect(vue.errors[2]).toMatch(/^fixtures\/WrongTypes\.vue\(5,\d+\): error TS2322: Type '"sepia"' is not assignable to type '(?=[^']*"light")(?=[^']*"dark")[^']*"auto"[^']*'/);
  });
});
