import { installNamespace } from "./namespace";

// A classic script knows its own URL only while it first runs.
const script = document.currentScript as HTMLScriptElement | null;
installNamespace(script?.dataset.apiBase ?? script?.src);
