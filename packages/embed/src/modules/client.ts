// `import { createFrontdeskClient } from "…/widgets/client.js"`: the typed API client for a page's own scripts.
export { createFrontdeskClient, FrontdeskClientError } from "@frontdesk/client";
