import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDemoPhoneLine } from "./demo-phone-line";
import { startPlayground } from "./server";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = process.env.PORT ?? "3000";
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 3001);
const publishableKey = process.env.DEMO_PUBLISHABLE_KEY ?? "pk_demo_brightsmile";
// The server prints the demo's secret key once, when it seeds it; the demo website keeps it for its outbox page.
const secretKeyFile = join(root, "data", "demo-secret-key");

// Output piped into a reader that went away (`pnpm start | head`) must not end the demo.
process.stdout.on("error", () => {});

// `pnpm start`: the Frontdesk server on PORT, seeded with the demo clinic, and the demo website on PLAYGROUND_PORT, a different origin.
const server = spawn(process.execPath, ["server/.output/server/index.mjs"], {
  cwd: root,
  env: { ...process.env, PORT: port, SEED_DEMO: process.env.SEED_DEMO ?? "true" },
  stdio: ["ignore", "pipe", "inherit"],
});
server.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
// Never leave the server running without us, whatever ends this process.
process.on("exit", () => server.kill());

let secretKey = readKeptSecretKey();
let output = "";
server.stdout.on("data", async (chunk: Buffer) => {
  process.stdout.write(chunk);
  const before = output;
  output += chunk;
  const printed = /Demo secret key[^:]*: (sk_\S+)/.exec(output)?.[1];
  if (printed && printed !== secretKey) keepSecretKey((secretKey = printed));
  phoneLineOnce();
  const listening = /Listening on: http:\/\/[^:]+:(\d+)/.exec(output);
  if (!listening || /Listening on/.test(before)) return;
  const frontdeskUrl = `http://localhost:${listening[1]}`;
  const playground = await startPlayground({ port: playgroundPort, host: "0.0.0.0", frontdeskUrl, publishableKey, secretKey: () => secretKey }).catch(
    (error: Error) => {
      console.error(`The demo website could not listen on port ${playgroundPort} (${error.message}). Set PLAYGROUND_PORT to a free port.`);
      process.exit(1);
    },
  );
  console.log(`
  Frontdesk is running (sandbox mode, demo data).
    API and widgets   ${frontdeskUrl}   (health: ${frontdeskUrl}/healthz)
    Demo website      ${playground.url}
    Publishable key   ${publishableKey}
`);
  frontdeskUrlOnce = frontdeskUrl;
  phoneLineOnce();
});

// The demo's phone line and a few calls in its log, made through the API once the server listens and its key is known
// (the seed prints it after the server listens); `pnpm simulate` plays more.
let frontdeskUrlOnce: string | undefined;
let phoneLineStarted = false;
function phoneLineOnce(): void {
  if (phoneLineStarted || !frontdeskUrlOnce || !secretKey) return;
  phoneLineStarted = true;
  openDemoPhoneLine(frontdeskUrlOnce, secretKey).catch((error: Error) => console.error(`The demo's phone line could not be set up: ${error.message}`));
}

function readKeptSecretKey(): string | undefined {
  try {
    return readFileSync(secretKeyFile, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function keepSecretKey(key: string): void {
  mkdirSync(join(root, "data"), { recursive: true });
  writeFileSync(secretKeyFile, `${key}\n`, { mode: 0o600 });
}
