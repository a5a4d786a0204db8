import { availabilityOutput } from "@frontdesk/core";
import { startTestApp } from "../testing/app-harness";
const t = await startTestApp();
const day = (n: number) => new Date(t.clock.now() + n * 86400000).toISOString().slice(0, 10);
for (const [serviceId, days] of [["svc_consult", 31], ["svc_checkup", 31], ["svc_consult", 62]] as const) {
  const answer = await t.app.booking.availability(t.tenantId, { serviceId, from: day(1), to: day(days) });
  const n = 2000;
  for (let i = 0; i < 200; i++) availabilityOutput.parse(answer);
  let s = performance.now();
  for (let i = 0; i < n; i++) availabilityOutput.parse(answer);
  const parse = (performance.now() - s) / n;
  s = performance.now();
  for (let i = 0; i < 200; i++) await t.app.booking.availability(t.tenantId, { serviceId, from: day(1 + (i % 20)), to: day(days + (i % 20)) });
  const compute = (performance.now() - s) / 200;
  s = performance.now();
  for (let i = 0; i < n; i++) JSON.stringify(answer);
  const json = (performance.now() - s) / n;
  console.log(serviceId, days, "slots", answer.slots.length, "parse ms", parse.toFixed(3), "service ms", compute.toFixed(3), "stringify ms", json.toFixed(3));
}
await t.close();
