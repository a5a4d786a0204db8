import { addDays, localDateOf } from "@frontdesk/core";
import { createTenant, hasTenants, type Db, randomId } from "@frontdesk/db";
import { mintSecretKey } from "../auth/secret-keys";
import { defaultDemo } from "../settings";

export const demoTenantId = "ten_demo_brightsmile";

const h = (hours: number, minutes = 0) => hours * 60 + minutes;

const demoServices = [
  { id: "svc_checkup", name: "Check-up & cleaning", otherNames: ["limpieza", "revisión"], description: "Exam, scale and polish.", durationMin: 45, bufferAfterMin: 15, priceCents: 9500 },
  { id: "svc_consult", name: "Consultation", otherNames: ["consulta"], description: "Talk through a concern or a treatment plan.", durationMin: 30, bufferAfterMin: 0, priceCents: 6000 },
  { id: "svc_filling", name: "Filling", otherNames: ["empaste"], description: "One tooth-coloured filling.", durationMin: 60, bufferAfterMin: 10, priceCents: 18000 },
  { id: "svc_whitening", name: "Teeth whitening", otherNames: ["blanqueamiento"], description: "In-chair whitening session.", durationMin: 90, bufferAfterMin: 15, priceCents: 35000 },
  {
    id: "svc_implant",
    name: "Implant assessment",
    description: "A dentist reviews your case first; we confirm by email.",
    durationMin: 60,
    bufferAfterMin: 0,
    priceCents: 12000,
    requiresApproval: true,
  },
  {
    id: "svc_class",
    name: "Family brushing class",
    description: "A small-group class for parents and children, up to 6 families.",
    durationMin: 60,
    bufferAfterMin: 0,
    priceCents: 0,
    capacity: 6,
  },
];

const demoStaff = [
  {
    id: "stf_patel",
    name: "Dr. Maya Patel",
    title: "Dentist",
    services: ["svc_checkup", "svc_consult", "svc_filling", "svc_whitening", "svc_implant"],
    // Monday to Friday, lunch 12:30–13:30.
    hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, startMin: h(9), endMin: h(12, 30) },
      { weekday, startMin: h(13, 30), endMin: h(17) },
    ]),
  },
  {
    id: "stf_romero",
    name: "Dr. Lucas Romero",
    title: "Dentist",
    services: ["svc_consult", "svc_filling", "svc_whitening"],
    // Tuesday to Saturday, late shift, lunch 14:00–15:00.
    hours: [2, 3, 4, 5, 6].flatMap((weekday) => [
      { weekday, startMin: h(10), endMin: h(14) },
      { weekday, startMin: h(15), endMin: h(19) },
    ]),
  },
  {
    id: "stf_lee",
    name: "Sam Lee",
    title: "Dental hygienist",
    services: ["svc_checkup", "svc_whitening", "svc_class"],
    // Monday, Wednesday, Friday mornings and early afternoons.
    hours: [1, 3, 5].flatMap((weekday) => [
      { weekday, startMin: h(8), endMin: h(12) },
      { weekday, startMin: h(12, 30), endMin: h(16) },
    ]),
  },
];

/**
 * Seeds the demo dental clinic into an empty database; returns what a person needs to try it, or undefined if
 * data exists. It shows each scheduling feature: lunch breaks, opening hours, a holiday and a short day, a
 * service that needs approval and a group class.
 */
export async function seedDemoTenant(
  db: Db,
  now: number,
  { publishableKey, timeZone }: { publishableKey: string; timeZone: string } = defaultDemo,
): Promise<{ name: string; publishableKey: string; secretKey: string } | undefined> {
  const name = "BrightSmile Dental (demo)";
  return db.write(async (writer) => {
    if (await hasTenants(writer)) return undefined;
    const today = localDateOf(now, timeZone);
    await createTenant(writer, {
      tenant: { id: demoTenantId, name, timeZone, sandbox: true, minNoticeMin: 120, horizonDays: 60, slotIntervalMin: 15, createdAt: now },
      publishableKeys: [{ key: publishableKey, allowedOrigins: ["*"], createdAt: now }],
      services: demoServices.map((service, position) => ({ ...service, position })),
      staff: demoStaff.map(({ id, name, title }, position) => ({ id, name, title, position })),
      staffServices: demoStaff.flatMap((member) => member.services.map((serviceId) => ({ staffId: member.id, serviceId }))),
      workingHours: demoStaff.flatMap((member) => member.hours.map((range) => ({ ...range, id: randomId("wh"), staffId: member.id }))),
      businessHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ id: randomId("bh"), weekday, startMin: weekday === 6 ? h(10) : h(8), endMin: h(19) })),
      holidays: [
        { id: randomId("hol"), date: addDays(today, 10), name: "Staff training day" },
        { id: randomId("hol"), date: addDays(today, 20), name: "Short day", startMin: h(9), endMin: h(13) },
      ],
    });
    // Made at the server clock's now, as keys made through the API are, so that lists order them alike on any date.
    const { key: secretKey } = await mintSecretKey(writer, demoTenantId, { at: now });
    return { name, publishableKey, secretKey };
  });
}
