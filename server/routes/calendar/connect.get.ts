import { defineHandler } from "nitro";
import { useApp } from "../../app/context";
import { answerConnectLink } from "../../app/calendar-sync/connect.http";

// A signed connect link an owner sent a staff member (docs/calendar-sync.md): no session needed, on to the provider's consent.
export default defineHandler(async (event) => answerConnectLink(await useApp(), event.url));
