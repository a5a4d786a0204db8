import { defineTask } from "nitro/task";
import { useApp } from "../../app/context";

export default defineTask({
  meta: { name: "appointments:expire", description: "Expire booking requests nobody approved in time" },
  async run() {
    const app = await useApp();
    return { result: { expired: await app.lifecycle.expirePending() } };
  },
});
