import { defineHandler } from "nitro";
import { useApp } from "../../../app/context";
import { answerCallback } from "../../../app/calendar-sync/connect.http";

// Where Microsoft Entra sends the staff member's browser back after consent (docs/calendar-sync.md): the code is traded for tokens, then back to the page it started from.
export default defineHandler(async (event) => answerCallback(await useApp(), "microsoft", event.url));
