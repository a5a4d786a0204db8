import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startPlayground } from "./server";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = process.env.PORT ?? "3000";
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 3001);
const publishableKey = process.env.DEMO_PUBLISHABLE_KEY ?? "pk_demo_brightsmile";

// `pnpm start`: the Frontdesk server on PORT and the demo website on PLAYGROUND_PORT, a different origin.
const server = spawn(process.execPath, ["server/.output/server/index.mjs"], {
  cwd: root,
  env: { ...process.env, PORT: port },
  stdio: ["ignore", "pipe", "inherit"],
});
server.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
// Never leave the server running without us, whatever ends this process.
process.on("exit", () => server.kill());

let output = "";
server.stdout.on("data", async (chunk: Buffer) => {
  process.stdout.write(chunk);
  const before = output;
  output += chunk;
  const listening = /Listening on: http:\/\/[^:]+:(\d+)/.exec(output);
  if (!listening || /Listening on/.test(before)) return;
  const frontdeskUrl = `http://localhost:${listening[1]}`;
  const playground = await startPlayground({ port: playgroundPort, host: "0.0.0.0", frontdeskUrl, publishableKey }).catch((error: Error) => {
    console.error(`The demo website could not listen on port ${playgroundPort} (${error.message}). Set PLAYGROUND_PORT to a free port.`);
    process.exit(1);
  });
  console.log(`
  Frontdesk is running (sandbox mode, demo data).
    API and widgets   ${frontdeskUrl}   (health: ${frontdeskUrl}/healthz)
    Demo website      ${playground.url}
    Publishable key   ${publishableKey}
`);
});
