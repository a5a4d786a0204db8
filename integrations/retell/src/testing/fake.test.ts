import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeRetell, type FakeRetell } from "./fake";

/** The fake's wire behaviour, where the SDK would hide it: error bodies, headers, validation. */
const key = "key_wire_1b2c";
let fake: FakeRetell;
const call = (method: string, path: string, body?: unknown, auth = key) =>
  fetch(`${fake.url}${path}`, { method, headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" }, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
const tool = { type: "custom", name: "check_availability", url: "https://frontdesk.example/tools/check_availability", timeout_ms: 8000, max_retry: 2 };

beforeAll(async () => {
  fake = await startFakeRetell({ keys: [key] });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("the fake Retell on the wire", () => {
  it("refuses an unknown key with 401 and Retell's error body, and says not to retry a client error", async () => {
    const response = await call("GET", "/list-voices", undefined, "key_wrong");
    expect(response.status).toBe(401);
    expect(response.headers.get("x-should-retry")).toBe("false");
    expect(await response.json()).toEqual({ status: "error", message: expect.stringContaining("API key") });
  });

  it.each([
    ["a body that is not JSON", "{", 400],
    ["a tool name with a space", { general_tools: [{ ...tool, name: "check availability" }] }, 400],
    ["two tools of one name", { general_tools: [tool, tool] }, 400],
    ["a relative tool URL", { general_tools: [{ ...tool, url: "/tools/x" }] }, 400],
    ["a tool timeout under a second", { general_tools: [{ ...tool, timeout_ms: 10 }] }, 400],
    ["six retries", { general_tools: [{ ...tool, max_retry: 6 }] }, 400],
  ])("refuses an LLM with %s", async (_, body, status) => {
    const response = await call("POST", "/create-retell-llm", body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(5);
  });

  it("freezes an LLM version once an agent version using it is published", async () => {
    const llm = (await (await call("POST", "/create-retell-llm", { general_prompt: "Hi", general_tools: [tool] })).json()) as { llm_id: string; version: number };
    expect((await call("PATCH", `/update-retell-llm/${llm.llm_id}?version=0`, { general_prompt: "Hello" })).status).toBe(200);
    const agent = (await (await call("POST", "/create-agent", { response_engine: { type: "retell-llm", llm_id: llm.llm_id, version: 0 }, voice_id: "retell-Cimo" })).json()) as { agent_id: string };
    expect((await call("POST", `/publish-agent-version/${agent.agent_id}`, { version: 0 })).status).toBe(204);
    expect((await call("PATCH", `/update-retell-llm/${llm.llm_id}?version=0`, { general_prompt: "Changed" })).status).toBe(422);
    expect((await call("PATCH", `/update-agent/${agent.agent_id}?version=0`, { agent_name: "Changed" })).status).toBe(422);
    expect((await call("POST", "/create-agent", { response_engine: { type: "retell-llm", llm_id: "llm_missing" }, voice_id: "retell-Cimo" })).status).toBe(422);
  });

  it("takes a + in a path literally, and weights that do not sum to 1 as unprocessable", async () => {
    const llm = (await (await call("POST", "/create-retell-llm", {})).json()) as { llm_id: string };
    const agent = (await (await call("POST", "/create-agent", { response_engine: { type: "retell-llm", llm_id: llm.llm_id }, voice_id: "retell-Cimo" })).json()) as { agent_id: string };
    const half = [{ agent_id: agent.agent_id, weight: 0.5 }];
    expect((await call("POST", "/create-phone-number", { area_code: 415, inbound_agents: half })).status).toBe(422);
    expect((await call("POST", "/create-phone-number", { area_code: 415 })).status).toBe(201);
    const number = (await (await call("GET", "/get-phone-number/+14155550100")).json()) as { phone_number: string; phone_number_pretty: string };
    expect(number).toMatchObject({ phone_number: "+14155550100", phone_number_pretty: "+1 (415) 555-0100" });
    expect((await call("GET", "/get-phone-number/+14155550199")).status).toBe(404);
  });

  it("runs out of numbers in an area code with a 404", async () => {
    for (let i = 0; i < 100; i++) expect((await call("POST", "/create-phone-number", { area_code: 212 })).status).toBe(201);
    const exhausted = await call("POST", "/create-phone-number", { area_code: 212 });
    expect(exhausted.status).toBe(404);
    expect(await exhausted.json()).toMatchObject({ message: expect.stringContaining("212") });
  });

  it("refuses a pagination key it never gave, and a limit over 1000", async () => {
    expect((await call("GET", "/v2/list-phone-numbers?pagination_key=bm9wZQ")).status).toBe(400);
    expect((await call("GET", "/v2/list-phone-numbers?limit=1001")).status).toBe(400);
    expect(await (await call("GET", "/v2/list-phone-numbers")).json()).toEqual({ items: [], has_more: false });
  });

  it("opens a workspace on first use for a key it was told to accept, and only for that key", async () => {
    const open = await startFakeRetell({ keys: [], acceptKeys: (k) => k.startsWith("key_sandbox_") });
    try {
      const get = (auth: string) => fetch(`${open.url}/v2/list-phone-numbers`, { headers: { authorization: `Bearer ${auth}` } });
      expect((await get("key_sandbox_ten1")).status).toBe(200);
      expect((await get("key_other")).status).toBe(401);
      await fetch(`${open.url}/create-phone-number`, { method: "POST", headers: { authorization: "Bearer key_sandbox_ten1" }, body: "{}" });
      expect(open.workspace("key_sandbox_ten1").numbers.size).toBe(1);
      expect(open.addKey("key_sandbox_ten2").numbers.size).toBe(0);
    } finally {
      await open.close();
    }
  });

  it("fails the next matching request once when told to, over its control route", async () => {
    expect((await call("POST", "/__fake/fail-next", { method: "GET", path: "/get-concurrency", status: 503 })).status).toBe(204);
    expect((await call("GET", "/get-concurrency")).status).toBe(503);
    expect((await call("GET", "/get-concurrency")).status).toBe(200);
  });
});
