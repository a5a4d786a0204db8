/**
 * A fake of Retell's API on 127.0.0.1 (node:http), speaking the subset the adapter uses with Retell's paths, bodies,
 * status codes and pagination. Each API key is its own workspace. Calls are played by the simulator, which signs
 * what it sends (`x-retell-signature`) as Retell does. `/__fake/*` are the fake's own control routes, not Retell's.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FrontdeskError, scenarioSchema, type Scenario } from "@frontdesk/core";
import { FakeRetellError, newWorkspace, type FakeWorkspace, type Json } from "./fake-workspace";
import { retellRoutes, type FakeContext } from "./fake-routes";
import { simulateCall, type Chaos, type SimulateOptions, type SimulationResult, type SimulatorHost } from "./simulator";
import { silentWav } from "./wav";

export type { Chaos, SimulateOptions, SimulationResult, SimulationStep, SimulationCheck } from "./simulator";
export type { FakeWorkspace } from "./fake-workspace";

export interface FakeRetellOptions {
  /** API keys that open a workspace each; a request with another key gets 401. Default: one key, `key_fake_retell`. */
  keys?: string[];
  /** Keys not listed that still open a workspace on first use, e.g. every sandbox connection's own key. */
  acceptKeys?: (key: string) => boolean;
  /** Misbehaviour for every simulated call whose options and scenario name none. */
  chaos?: Chaos;
  port?: number;
  /** An outbound call (`create-phone-call`) plays this scenario when it returns one; otherwise the call stays `registered`. */
  outbound?: (request: Json) => Scenario | undefined;
  /** The workspaces to start with, as `exportState` gave them: a sandbox server keeps its fake's state across restarts. */
  state?: FakeRetellState;
  /** Called after each change of the state: an API write, a simulated call. */
  onChange?: () => void;
}

/** Everything the fake holds that a restart would lose, as structured-clonable data (Maps of Retell's JSON). */
export interface FakeRetellState {
  workspaces: FakeWorkspace[];
}

/** A request made to fail once: see `failNext`. */
export interface FakeFailure {
  method: string;
  path: string;
  status: number;
  message?: string;
  afterDoing?: boolean;
}

export interface FakeRetell {
  /** The `baseURL` for retell-sdk, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  keys: string[];
  workspace(key?: string): FakeWorkspace;
  /** Opens a workspace for one more key (an existing one is kept). */
  addKey(key: string): FakeWorkspace;
  /**
   * Plays a scenario (checked with `scenarioSchema`: `VALIDATION_FAILED` with the field) on a workspace's number,
   * with its published config only; answers once the call's events are delivered.
   */
  simulate(scenario: unknown, options: SimulateOptions & { key?: string }): Promise<SimulationResult>;
  /**
   * The next request matching `method` and `path` (a Retell path, e.g. `/create-agent`) gets `status`. With
   * `afterDoing`, Retell does what was asked first and only the answer is lost, as when a connection drops or our
   * process stops while the answer is on its way.
   */
  failNext(failure: FakeFailure): void;
  /** The latest Retell requests (up to 1000), in order: method, path (with query) and the key used. */
  requests: { method: string; path: string; key: string | undefined }[];
  reset(): void;
  /** A copy of the workspaces, for `state` on a later start. */
  exportState(): FakeRetellState;
  close(): Promise<void>;
}

export const defaultFakeRetellKey = "key_fake_retell";
/** A sandbox server runs for days: the fake keeps only the latest requests and simulation reports. */
const logLimit = 1000;

export async function startFakeRetell(options: FakeRetellOptions = {}): Promise<FakeRetell> {
  const keys = options.keys ?? [defaultFakeRetellKey];
  const workspaces = new Map(keys.map((key) => [key, newWorkspace(key)]));
  for (const saved of options.state?.workspaces ?? []) workspaces.set(saved.key, structuredClone(saved));
  const changed = () => options.onChange?.();
  const failures: FakeFailure[] = [];
  const simulations = new Map<string, { status: "running" | "done" | "failed"; result?: SimulationResult; error?: string }>();
  const requests: FakeRetell["requests"] = [];
  let url = "";

  const addKey = (key: string): FakeWorkspace => {
    if (!workspaces.has(key)) workspaces.set(key, newWorkspace(key));
    return workspaces.get(key)!;
  };
  const known = (key: string | undefined): FakeWorkspace | undefined => (key === undefined ? undefined : (workspaces.get(key) ?? (options.acceptKeys?.(key) ? addKey(key) : undefined)));
  const workspaceOf = (key: string): FakeWorkspace => {
    const ws = known(key);
    if (!ws) throw new Error(`The fake has no workspace for the key ${key}.`);
    return ws;
  };
  const hostFor = (ws: FakeWorkspace): SimulatorHost => ({
    key: ws.key,
    number: (e164) => ws.numbers.get(e164),
    agent(agentId, version) {
      const versions = ws.agents.get(agentId);
      const agent = version === undefined ? versions?.filter((v) => v.is_published).at(-1) : versions?.find((v) => v.version === version);
      const engine = agent?.response_engine as Json | undefined;
      const llms = engine && ws.llms.get(String(engine.llm_id));
      // An agent made without an LLM version follows the LLM's latest.
      const llm = engine?.version === undefined || engine.version === null ? llms?.at(-1) : llms?.find((v) => v.version === engine.version);
      return agent && llm ? { agent, llm } : undefined;
    },
    saveCall(call) {
      ws.calls.set(String(call.call_id), call);
      changed();
    },
    recordingUrl: (callId) => `${url}/__fake/recordings/${callId}.wav`,
  });
  const simulate = (ws: FakeWorkspace, scenario: Scenario, simulateOptions: SimulateOptions) => {
    const chaos = simulateOptions.chaos ?? scenario.chaos ?? options.chaos;
    return simulateCall(hostFor(ws), scenario, { ...simulateOptions, ...(chaos ? { chaos } : {}) });
  };

  const context = (ws: FakeWorkspace): FakeContext => ({
    ws,
    url,
    taken: (e164) => [...workspaces.values()].some((w) => w.numbers.has(e164)),
    startOutbound(call, request) {
      const scenario = options.outbound?.(request);
      if (!scenario) return;
      void simulate(ws, scenario, { number: String(call.from_number), caller: String(call.to_number), callId: String(call.call_id), agent: { agentId: String(call.agent_id), version: call.agent_version as number }, variables: (request.retell_llm_dynamic_variables as Record<string, string> | undefined) ?? {}, metadata: (request.metadata as Json | undefined) ?? {} });
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    // Recordings and previews are public links, as Retell's signed URLs are.
    const audio = /^\/__fake\/(recordings|audio)\/([^/]+)\.wav$/.exec(target.pathname);
    if (audio && method === "GET") {
      const call = [...workspaces.values()].map((w) => w.calls.get(audio[2]!)).find(Boolean);
      if (audio[1] === "recordings" && !call) return send(res, 404, { status: "error", message: "Recording not found." });
      res.writeHead(200, { "content-type": "audio/wav" }).end(silentWav(call ? Number(call.duration_ms ?? 1000) / 1000 : 2));
      return;
    }
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!target.pathname.startsWith("/__fake/")) {
      requests.push({ method, path: `${target.pathname}${target.search}`, key });
      if (requests.length > logLimit) requests.shift();
    }
    const ws = known(key);
    if (!ws) return send(res, 401, { status: "error", message: "Unauthorized: the API key is missing or not valid." });
    const raw = await readBody(req);
    let body: Json = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        return send(res, 400, { status: "error", message: "The request body is not valid JSON." });
      }
    }
    if (target.pathname.startsWith("/__fake/")) return control(ws, method, target.pathname, body, res);

    const path = decodeURIComponent(target.pathname);
    const failure = failures.findIndex((f) => f.method === method && f.path === path);
    const [lost] = failure >= 0 ? failures.splice(failure, 1) : [];
    const failed = () => send(res, lost!.status, { status: "error", message: lost!.message ?? `Simulated failure ${lost!.status}.` });
    if (lost && !lost.afterDoing) return failed();
    for (const route of retellRoutes) {
      const match = route.method === method ? route.path.exec(path) : null;
      if (!match) continue;
      try {
        const answer = route.handle(context(ws), { params: match.slice(1), query: Object.fromEntries(target.searchParams), body });
        if (method !== "GET") changed();
        if (lost) return failed();
        if (answer === undefined) return void res.writeHead(204).end();
        return send(res, route.status ?? 200, answer);
      } catch (error) {
        if (error instanceof FakeRetellError) return send(res, error.status, { status: "error", message: error.message });
        throw error;
      }
    }
    send(res, 404, { status: "error", message: `No route ${method} ${path}.` });
  }

  async function control(ws: FakeWorkspace, method: string, path: string, body: Json, res: ServerResponse): Promise<void> {
    if (method === "GET" && path === "/__fake/state") {
      const plain = (map: Map<string, unknown>) => Object.fromEntries(map);
      return send(res, 200, { llms: plain(ws.llms), agents: plain(ws.agents), numbers: plain(ws.numbers), calls: plain(ws.calls) });
    }
    if (method === "POST" && path === "/__fake/reset") {
      workspaces.set(ws.key, newWorkspace(ws.key));
      changed();
      return void res.writeHead(204).end();
    }
    if (method === "POST" && path === "/__fake/fail-next") {
      if (typeof body.method !== "string" || typeof body.path !== "string" || typeof body.status !== "number") return send(res, 400, { status: "error", message: "method, path and status are required." });
      failures.push({ method: body.method, path: body.path, status: body.status, afterDoing: body.afterDoing === true });
      return void res.writeHead(204).end();
    }
    if (method === "POST" && path === "/__fake/simulate") {
      let scenario: Scenario;
      try {
        scenario = parseScenario(body.scenario);
      } catch (error) {
        const { message, field } = error as FrontdeskError;
        return send(res, 400, { status: "error", message, field: `scenario${field ? `.${field}` : ""}` });
      }
      if (typeof body.to !== "string") return send(res, 400, { status: "error", message: "to (the number called) is required.", field: "to" });
      const callId = `call_${crypto.randomUUID().replaceAll("-", "")}`;
      simulations.set(callId, { status: "running" });
      if (simulations.size > logLimit) simulations.delete(simulations.keys().next().value!);
      const run = simulate(ws, scenario, { number: body.to, ...(typeof body.from === "string" ? { caller: body.from } : {}), callId, ...(body.chaos ? { chaos: body.chaos as Chaos } : {}), ...(typeof body.start_at === "number" ? { startAt: body.start_at } : {}), ...(isObject(body.metadata) ? { metadata: body.metadata } : {}) }).then(
        (result) => simulations.set(callId, { status: "done", result }),
        (error: unknown) => simulations.set(callId, { status: "failed", error: String(error) }),
      );
      // `wait: true` answers with the result once the call is over, for a caller that would only poll.
      if (body.wait === true) {
        await run;
        return send(res, 200, { call_id: callId, ...simulations.get(callId) });
      }
      return send(res, 202, { call_id: callId });
    }
    const simulation = /^\/__fake\/simulations\/([^/]+)$/.exec(path);
    if (method === "GET" && simulation) {
      const found = simulations.get(simulation[1]!);
      return found ? send(res, 200, found) : send(res, 404, { status: "error", message: "No such simulation." });
    }
    send(res, 404, { status: "error", message: `No control route ${method} ${path}.` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { status: "error", message: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    keys,
    requests,
    workspace: (key = keys[0]!) => workspaceOf(key),
    addKey,
    simulate: async (scenario, { key = keys[0]!, ...rest }) => simulate(workspaceOf(key), parseScenario(scenario), rest),
    failNext: (failure) => void failures.push(failure),
    reset() {
      workspaces.clear();
      for (const key of keys) workspaces.set(key, newWorkspace(key));
      failures.length = 0;
      requests.length = 0;
      changed();
    },
    exportState: () => ({ workspaces: [...workspaces.values()].map((ws) => structuredClone(ws)) }),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive connections (the SDK's) would hold the close open until they time out.
        server.closeAllConnections();
      }),
  };
}

/** A scenario as `scenarioSchema` reads it, or `VALIDATION_FAILED` naming the field at fault. */
export function parseScenario(value: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new FrontdeskError("VALIDATION_FAILED", `The scenario is not valid: ${issue.message}`, { field: issue.path.join(".") || undefined });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  // Retell's SDK retries 409/429/5xx unless told not to; a client error is final.
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (status >= 400 && status < 500 && status !== 429) headers["x-should-retry"] = "false";
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
