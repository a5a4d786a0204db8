import http from "node:http";
import https from "node:https";
import { forTenant, type Db, type Writer } from "@frontdesk/db";
import type { JobRunner } from "../jobs/jobs";
import type { FileStore } from "../stored-files";
import { guardedLookup, type DestinationPolicy, type Resolve } from "../webhooks-out/destination";

/** Where recordings are kept: the `recordings` storage mount, or the `recordings` folder beside the database. */
export type RecordingStore = FileStore;

export const recordingJobKind = "call.recording.fetch";
/** A recording larger than this is not kept (an hour of 16 kHz mono WAV is about 115 MB). */
export const maxRecordingBytes = 200 * 1024 * 1024;

/** The provider's link answered that it is gone: no retry brings it back. */
class RecordingGone extends Error {}

export interface RecordingDeps {
  db: Db;
  now: () => number;
  jobs: JobRunner;
  store: RecordingStore;
  /** Where downloads may come from: the webhooks' policy, and the sandbox's fake Retell besides. */
  policy: DestinationPolicy;
  trustedOrigins: string[];
  resolve?: Resolve;
  timeoutMs?: number;
}

/**
 * Downloads a call's recording into storage right after the call ends, as the provider's signed links expire. A link
 * that answers 403, 404 or 410 has expired (`expired`); other failures retry, then end `failed`.
 */
export function recordingJobs(deps: RecordingDeps) {
  const { db } = deps;
  const keyOf = (tenantId: string, callId: string) => `${tenantId}:${callId}.wav`;

  async function setStatus(tx: Writer | Db, tenantId: string, callId: string, patch: { recordingStatus: "stored" | "failed" | "expired"; recordingKey?: string }) {
    const write = async (writer: Writer) => {
      const scope = forTenant(writer, tenantId);
      const call = await scope.call(callId);
      if (!call) return;
      const { tenantId: _tenant, ...row } = call;
      await scope.saveCall({ ...row, ...patch });
    };
    await ("write" in tx ? tx.write(write) : write(tx));
  }

  const queue = deps.jobs.define<{ callId: string }>({
    kind: recordingJobKind,
    retryDelaysMin: [1, 5, 30],
    permanent: (error) => error instanceof RecordingGone,
    async run({ callId }, job) {
      const tenantId = job.tenantId!;
      const call = await forTenant(db, tenantId).call(callId);
      if (!call || call.recordingStatus === "stored" || !call.providerRecordingUrl) return;
      const bytes = await download(call.providerRecordingUrl);
      const key = keyOf(tenantId, callId);
      await deps.store.setItemRaw(key, bytes);
      await setStatus(db, tenantId, callId, { recordingStatus: "stored", recordingKey: key });
    },
    async failed(tx, { callId }, failure, job) {
      if (failure.retryAt !== undefined) return;
      await setStatus(tx, job.tenantId!, callId, { recordingStatus: failure.error instanceof RecordingGone ? "expired" : "failed" });
    },
  });

  function download(urlText: string): Promise<Uint8Array> {
    const url = new URL(urlText);
    const trusted = deps.trustedOrigins.includes(url.origin);
    const policy = trusted ? { allowPrivate: true, allowHttp: true } : deps.policy;
    if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowHttp)) return Promise.reject(new RecordingGone(`Recordings are fetched over https only: ${url.origin}.`));
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.get(url, { lookup: guardedLookup(policy, deps.resolve), agent: false, timeout: deps.timeoutMs ?? 60_000 }, (res) => {
        const status = res.statusCode ?? 0;
        if (status === 403 || status === 404 || status === 410) {
          res.resume();
          return reject(new RecordingGone(`The recording link answered ${status}: it has expired.`));
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return reject(new Error(`The recording link answered ${status}.`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxRecordingBytes) req.destroy(new RecordingGone("The recording is larger than this server keeps."));
          else chunks.push(chunk);
        });
        res.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error("The recording did not download in time.")));
      req.on("error", reject);
    });
  }

  return {
    queue,

    /** A stored recording's bytes (WAV), for staff to play; undefined when the call has none stored (or is not the business's). */
    async read(tenantId: string, callId: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
      const call = await forTenant(db, tenantId).call(callId);
      if (!call?.recordingKey || call.recordingStatus !== "stored") return undefined;
      const bytes = await deps.store.getItemRaw(call.recordingKey);
      return bytes ? { bytes, contentType: "audio/wav" } : undefined;
    },

    /** Removes a recording from storage (erasure); the call row is the caller's to change. */
    remove: (key: string) => deps.store.removeItem(key),

    runDue: () => deps.jobs.runDue({ kinds: [recordingJobKind] }),
  };
}

export type RecordingJobs = ReturnType<typeof recordingJobs>;
