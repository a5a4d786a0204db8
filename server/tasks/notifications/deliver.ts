import { defineTask } from "nitro/task";
import { useApp } from "../../app/context";

export default defineTask({
  meta: { name: "notifications:deliver", description: "Send due customer messages and retry failed ones" },
  async run() {
    const app = await useApp();
    return { result: await app.notifications.deliverDue(100) };
  },
});
