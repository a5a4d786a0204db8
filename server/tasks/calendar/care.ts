import { defineTask } from "nitro/task";
import { useApp } from "../../app/context";

export default defineTask({
  meta: { name: "calendar:care", description: "Renew calendar push channels before they expire, open missing ones, stop idle ones, and read each busy calendar in full daily" },
  async run() {
    const app = await useApp();
    return { result: await app.calendar.read.care() };
  },
});
