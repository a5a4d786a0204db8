import { FdProvider } from "./provider";

if (!customElements.get("fd-provider")) customElements.define("fd-provider", FdProvider);

export { FdProvider };
