import type { Package } from "custom-elements-manifest/schema";
import { getVsCodeCssCustomData, getVsCodeHtmlCustomData } from "custom-element-vs-code-integration";
import { getWebTypesData } from "custom-element-jet-brains-integration";

/** VS Code's custom data (html.customData and css.customData) and JetBrains' web-types, made from the manifest. */
export function editorData(manifest: Package, version: string): { vsCodeHtml: string; vsCodeCss: string; webTypes: string } {
  // The generators print what they do; a test or a build has no use for it.
  const quiet = { hideLogs: true };
  // The generators type the manifest their own, looser way.
  const cem = manifest as unknown as Parameters<typeof getVsCodeHtmlCustomData>[0];
  const tidy = (json: string) => `${JSON.stringify(JSON.parse(json), null, 2)}\n`;
  return {
    vsCodeHtml: tidy(getVsCodeHtmlCustomData(cem, quiet)),
    vsCodeCss: tidy(getVsCodeCssCustomData(cem, quiet)),
    // The generator names the package.json of the directory it runs in; the data names the widgets, wherever it is made.
    webTypes: `${JSON.stringify({ ...JSON.parse(getWebTypesData(cem, quiet)), name: "frontdesk", version }, null, 2)}\n`,
  };
}
