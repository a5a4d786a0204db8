import { defineHandler } from "nitro";
import { recordingCors } from "../../../../../app/calls/recording-route";

// The preflight of a widget's recording fetch from another origin (an embed session's header).
export default defineHandler((event) => new Response(null, { status: 204, headers: recordingCors(event.req.headers.get("origin"), true) }));
