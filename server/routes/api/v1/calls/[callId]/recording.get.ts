import { defineHandler } from "nitro";
import { useApp } from "../../../../../app/context";
import { answerRecording } from "../../../../../app/calls/recording-route";

// A call's stored recording (audio/wav), for whoever may read the call (key, embed session or member): docs/rest-api.md.
export default defineHandler(async (event) => {
  const app = await useApp();
  return answerRecording(app, event.req, app.callEvents.store);
});
