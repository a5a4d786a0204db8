import { installNamespace } from "./namespace";

/** For each tag, its module and the chunks that module imports, relative to /widgets/ (written by vite.modules.config.ts). */
declare const __FRONTDESK_WIDGET_FILES__: Record<string, string[]>;

// A classic script knows its own URL only while it first runs; the widgets' code sits beside it, on its server.
const script = document.currentScript as HTMLScriptElement | null;
const widgetsBase = new URL("widgets/", script?.src ?? location.href);
// Set before any widget module runs, so those modules find the API base the script tag says.
installNamespace(script?.dataset.apiBase ?? script?.src);

/** Tags whose code this page has not asked for yet. */
const unloaded = new Map(Object.entries(__FRONTDESK_WIDGET_FILES__));
const selector = [...unloaded.keys()].join(",");

/** Fetches a tag's module and its chunks side by side, once; a tag the page defined itself is left alone. */
function load(tag: string): void {
  const files = unloaded.get(tag);
  if (!files) return;
  unloaded.delete(tag);
  if (customElements.get(tag)) return;
  Promise.all(files.map((file) => import(/* @vite-ignore */ new URL(file, widgetsBase).href))).catch((error: unknown) =>
    console.error(`Frontdesk could not load <${tag}> from ${widgetsBase.origin}:`, error),
  );
}

/** Loads the code of every Frontdesk tag in or under `root` not loaded yet. */
function loadUsed(root: Element | Document): void {
  if (root instanceof Element) load(root.localName);
  for (const element of root.querySelectorAll(selector)) load(element.localName);
}

loadUsed(document);
// Tags that come later (parsed after this script, added by script or by a framework) are loaded when they arrive.
const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element && unloaded.size) loadUsed(node);
  if (!unloaded.size) observer.disconnect();
});
if (unloaded.size) observer.observe(document, { childList: true, subtree: true });
