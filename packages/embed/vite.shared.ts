import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export const define = { __FRONTDESK_VERSION__: JSON.stringify(version) };
