import { defineHandler, HTTPResponse } from "nitro";
import { useApp } from "../../../app/context";
import { answerRest } from "../../../app/rest/handler";

// REST for a business's server, from the same procedures as /trpc: docs/rest-api.md. No CORS: a secret key never
// belongs in a web page, so browsers are not let read these answers.
export default defineHandler(async (event) => {
  const answer = await answerRest(await useApp(), event.req);
  return answer instanceof Response ? answer : new HTTPResponse(answer.body, { status: answer.status, headers: answer.headers });
});
