import { defineHandler } from "nitro";
import { restDocument } from "../../../app/rest/document";
import { settings } from "../../../app/settings";

let document: string | undefined;

// The OpenAPI 3.1 document of /api/v1, made once per process: the routes only change with a new release.
export default defineHandler(() => {
  document ??= JSON.stringify(restDocument(settings().publicUrl));
  return new Response(document, { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
});
