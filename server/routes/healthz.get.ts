import { defineHandler } from "nitro";
import { useApp } from "../app/context";
import { checkHealth } from "../app/health";

export default defineHandler(async () => {
  const { httpStatus, health } = await checkHealth(async () => (await useApp()).db);
  return Response.json(health, { status: httpStatus });
});
