import { definePlugin } from "nitro";
import { useApp } from "../app/context";

// Migrate and seed at boot rather than on the first request, and fail loudly if the database is unusable.
export default definePlugin(() => {
  useApp().catch((error) => {
    console.error("Frontdesk could not start:", error);
    process.exitCode = 1;
  });
});
