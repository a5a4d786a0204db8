import { defineTask } from "nitro/task";
import { useApp } from "../../app/context";

export default defineTask({
  meta: { name: "jobs:run", description: "Run due durable jobs (messages, webhook deliveries), retrying failed ones with backoff" },
  async run() {
    const app = await useApp();
    return { result: await app.jobs.runDue({ limit: 100 }) };
  },
});
