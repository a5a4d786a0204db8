import { readFileSync } from "node:fs";
import { referenceSection, withReference } from "./docs";
import { editorData } from "./editors";
import { reactTypes, svelteTypes, vueTypes } from "./frameworks";
import { analyzeElements, repoRoot } from "./manifest";

/** Where each made file lives, relative to packages/elements/ (and, for the server, to /widgets/). */
export const outputFiles = {
  manifest: "custom-elements.json",
  vsCodeHtml: "vscode.html-custom-data.json",
  vsCodeCss: "vscode.css-custom-data.json",
  webTypes: "web-types.json",
  react: "types/react.d.ts",
  vue: "types/vue.d.ts",
  svelte: "types/svelte.d.ts",
} as const;

export const docsFile = `${repoRoot}docs/embedding.md`;

/** Everything made from the element sources: the files by name, and docs/embedding.md with its reference section made anew. */
export function generate(): { files: Record<string, string>; docs: string } {
  const manifest = analyzeElements();
  const { version } = JSON.parse(readFileSync(`${repoRoot}package.json`, "utf8")) as { version: string };
  const editors = editorData(manifest, version);
  const files = {
    [outputFiles.manifest]: `${JSON.stringify(manifest, null, 2)}\n`,
    [outputFiles.vsCodeHtml]: editors.vsCodeHtml,
    [outputFiles.vsCodeCss]: editors.vsCodeCss,
    [outputFiles.webTypes]: editors.webTypes,
    [outputFiles.react]: reactTypes(manifest),
    [outputFiles.vue]: vueTypes(manifest),
    [outputFiles.svelte]: svelteTypes(manifest),
  };
  return { files, docs: withReference(readFileSync(docsFile, "utf8"), referenceSection(manifest)) };
}
