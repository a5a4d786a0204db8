import { defineTask } from "nitro/task";
import { useApp } from "../../app/context";

export default defineTask({
  meta: { name: "jobs:run", description: "Run due durable jobs (message delivery), retrying failed ones with backoff" },
  async run() {
    const app = await useApp();
    return { result: await app.jobs.runDue({ limit: 100 }) };
  },
});
