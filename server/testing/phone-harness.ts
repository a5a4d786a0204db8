import { sandboxTwilioAccount, startFakeTwilio, type FakeTwilio } from "@frontdesk/twilio/testing";
import { startFakeRetell, type FakeRetell, type FakeRetellOptions } from "@frontdesk/retell/testing";
import { accountMessages, openDb, type Db } from "@frontdesk/db";
import { rowsOf } from "@frontdesk/db/testing";
import { linkIn, person, type CallAnswer, type Person } from "./accounts";
import { freePort } from "./ports";
import { startServer, type RunningServer } from "./start-server";

const password = "correct horse battery staple";

export interface PhoneHarness {
  server: RunningServer;
  db: Db;
  publicUrl: string;
  retell: FakeRetell;
  twilio: FakeTwilio;
  /** A tRPC call with the demo business's secret key. */
  demo(path: string, input?: unknown, mutation?: boolean): Promise<CallAnswer>;
  /** A REST call under /api/v1 with the demo business's secret key. */
  rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Someone signed up, their address confirmed through the mailed link. */
  signUp(email: string, name: string): Promise<Person>;
  /** A new member of the owner's business, by invitation. */
  join(owner: Person, email: string, role: "admin" | "staff"): Promise<Person>;
  stop(): Promise<void>;
}

/**
 * The built server on the sandbox, with fake Retell and Twilio that this test started (so it can look at what they
 * hold): every sandbox business gets its own Retell workspace, and all share the sandbox Twilio account.
 */
export async function startPhoneHarness(env: Record<string, string> = {}, retellOptions: Omit<FakeRetellOptions, "acceptKeys"> = {}): Promise<PhoneHarness> {
  const retell = await startFakeRetell({ ...retellOptions, acceptKeys: (key) => key.startsWith("key_sandbox_") });
  const twilio = await startFakeTwilio({ accounts: [sandboxTwilioAccount] });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const server = await startServer({ PORT: String(port), PUBLIC_URL: publicUrl, FRONTDESK_RETELL_URL: retell.url, FRONTDESK_TWILIO_URL: twilio.url, ...env });
  const db = await openDb(server.databaseUrl);
  const auth = { authorization: `Bearer ${server.demoSecretKey}` };

  async function signUp(email: string, name: string): Promise<Person> {
    const someone = person(server.url);
    const signedUp = await someone.auth("sign-up/email", { name, email, password });
    if (signedUp.status !== 200) throw new Error(`Sign-up failed: ${JSON.stringify(signedUp.body)}`);
    const [mail] = await rowsOf(db, accountMessages, { recipient: email, kind: "verify_email" });
    await someone.auth(linkIn(mail!.text).replace(`${server.url}/api/auth/`, ""));
    return someone;
  }

  return {
    server,
    db,
    publicUrl,
    retell,
    twilio,
    demo: (path, input, mutation = false) => person(server.url).call(path, input, { mutation, headers: auth }),
    async rest(method, path, body) {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    },
    signUp,
    async join(owner, email, role) {
      const invited = await owner.call("team.invite", { email, role }, { mutation: true });
      if (invited.status !== 200) throw new Error(`Invitation failed: ${JSON.stringify(invited)}`);
      const mails = await rowsOf(db, accountMessages, { recipient: email, kind: "invitation" });
      const token = new URL(linkIn(mails.at(-1)!.text)).searchParams.get("invitation")!;
      const joiner = await signUp(email, email.split("@")[0]!);
      const accepted = await joiner.call("accounts.acceptInvitation", { token }, { mutation: true });
      if (accepted.status !== 200) throw new Error(`Accepting failed: ${JSON.stringify(accepted)}`);
      return joiner;
    },
    async stop() {
      db.close();
      await server.stop();
      await Promise.all([retell.close(), twilio.close()]);
    },
  };
}
