import { defineHandler } from "nitro";
import { useStorage } from "nitro/storage";
import { useApp } from "../../../../../app/context";
import { answerRecording } from "../../../../../app/calls/recording-route";

// A call's stored recording (audio/wav), for the business's server with a `calls:read` key: docs/rest-api.md.
export default defineHandler(async (event) => answerRecording(await useApp(), event.req, useStorage("recordings")));
