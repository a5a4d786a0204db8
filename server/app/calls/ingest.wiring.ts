import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "@frontdesk/db";
import type { JobRunner } from "../jobs/jobs";
import type { PhoneConnections } from "../phone/connections";
import type { DestinationPolicy, Resolve } from "../webhooks-out/destination";
import type { WebhookDeliveries } from "../webhooks-out/webhook-delivery";
import { inboundService } from "./inbound.service";
import { ingestService } from "./ingest.service";
import { folderFileStore } from "../stored-files";
import { recordingJobs, type RecordingStore } from "./recordings";

export interface CallsIngressDeps {
  db: Db;
  now: () => number;
  jobs: JobRunner;
  phone: PhoneConnections;
  webhooks: WebhookDeliveries;
  policy: DestinationPolicy;
  /** The sandbox's fake Retell, whose recording links are local. */
  sandboxRetellUrl?: string | undefined;
  resolve?: Resolve;
  store?: RecordingStore;
}

/** What comes in from the voice provider about calls: events, the inbound-call webhook, and the recordings they name. */
export function callsIngress(deps: CallsIngressDeps) {
  const store = deps.store ?? folderFileStore(join(mkdtempSync(join(tmpdir(), "frontdesk-recordings-")), "recordings"));
  const recordings = recordingJobs({
    db: deps.db,
    now: deps.now,
    jobs: deps.jobs,
    store,
    policy: deps.policy,
    trustedOrigins: deps.sandboxRetellUrl ? [new URL(deps.sandboxRetellUrl).origin] : [],
    ...(deps.resolve ? { resolve: deps.resolve } : {}),
  });
  return {
    ingest: ingestService({ db: deps.db, now: deps.now, phone: deps.phone, webhooks: deps.webhooks, recordings }),
    inbound: inboundService({ db: deps.db, now: deps.now, phone: deps.phone }),
    recordings,
    /** Where the recordings are kept; the recording route reads them from here. */
    store,
  };
}

export type CallsIngress = ReturnType<typeof callsIngress>;
