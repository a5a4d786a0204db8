import { localDateOf, type LocalDate, type ToolAnswer, type ToolAnswerCode } from "@frontdesk/core";

/** The languages tool answers are written in: the agent's language decides, anything not Spanish is answered in English. */
export type ToolLanguage = "en" | "es";

export const languageOf = (agentLanguage: string | undefined): ToolLanguage => (agentLanguage?.toLowerCase().startsWith("es") ? "es" : "en");

const locales: Record<ToolLanguage, string> = { en: "en-US", es: "es-ES" };

type Vars = Record<string, string | number>;
type Catalogue = Record<string, string>;

// What the agent says, by phrase; `{name}` is filled in. A phrase ends where the agent may stop or go on.
const en: Catalogue = {
  slots: "On {day} I have {times}. Which suits you?",
  slotsWith: "On {day} I have {times} with {staff}. Which suits you?",
  noSlots: "I have nothing free on {day}{part}.",
  closedDay: "We are closed on {day}.",
  alternatives: " The nearest times are {times}. Would one of those work?",
  noAlternatives: " I found nothing in the days after either. Shall I take a message?",
  pastDate: "{day} has already passed. Which day from today on would you like?",
  pastStart: "That time has already passed. Let me check what is free.",
  unrecognisedDate: "I didn't catch which day you mean. Could you say it another way, like “next Tuesday” or “January 19”?",
  unknownService: "I couldn't find “{service}”. We offer {services}. Which would you like?",
  unknownStaff: "I couldn't find “{staff}” on our team. We have {names}.",
  booked: "You're booked: {service} on {when} with {staff}.",
  bookPending: "I've requested {service} on {when} with {staff} for you. The team will confirm it shortly and you'll get a message.",
  slotTaken: "Sorry, {when} is no longer free.",
  holdExpired: "Sorry, that time was taken while we talked.",
  noAppointment: "I can't find an upcoming appointment for the number you're calling from.",
  tooLate: "Changes are possible up to {hours} hours before the appointment, so I can't change this one. I can take a message for the team.",
  cancelled: "Your {service} on {when} is cancelled.",
  cancelPending: "I've asked the team to cancel your {service} on {when}. They'll confirm shortly.",
  moved: "Done: your {service} is now on {when} with {staff}.",
  movePending: "I've asked the team to move your {service} to {when}. They'll confirm shortly.",
  found: "I found you, {first}. Your next appointment is {service} on {when}.",
  foundNone: "I found you, {first}. You have no upcoming appointments.",
  foundByNameOnly: "I found a record under that name, but I can only share its details when you call from the number on file.",
  notFoundCustomer: "I don't have a record for you yet, but I can book you as a new customer.",
  noInfo: "I don't have that information. I can take a message and someone will call you back.",
  hours: "Our hours: {list}.",
  closedOn: "closed on {list}",
  holidays: " We're closed on {list}.",
  address: "We're at {list}.",
  services: "We offer {list}.",
  prices: "Our prices: {list}.",
  messageTaken: "Thanks, {name}. I've passed your message on; someone will call you back {when}.",
  transferOk: "Connecting you now.",
  transferUnavailable: "Nobody can take the call right now. I've asked the team to call you back {when}. Would you like to leave a message too?",
  today: "today",
  tomorrow: "tomorrow",
  onDay: "on {day}",
  invalidArguments: "I'm missing some details ({fields}). Could you tell me again?",
  error: "Sorry, something went wrong on my side. Let me take a message instead.",
  stillWorking: "One moment, I'm still working on that.",
  morning: " in the morning",
  afternoon: " in the afternoon",
  evening: " in the evening",
  minutes: "{name} ({minutes} minutes)",
};

const es: Catalogue = {
  slots: "El {day} tengo {times}. ¿Cuál le viene bien?",
  slotsWith: "El {day} tengo {times} con {staff}. ¿Cuál le viene bien?",
  noSlots: "No tengo nada libre el {day}{part}.",
  closedDay: "El {day} estamos cerrados.",
  alternatives: " Lo más cercano es {times}. ¿Le sirve alguna?",
  noAlternatives: " Tampoco encuentro nada en los días siguientes. ¿Quiere dejar un mensaje?",
  pastDate: "El {day} ya pasó. ¿Qué día a partir de hoy le gustaría?",
  pastStart: "Esa hora ya pasó. Déjeme ver qué hay libre.",
  unrecognisedDate: "No entendí qué día quiere. ¿Puede decirlo de otra forma, como «el martes que viene» o «el 19 de enero»?",
  unknownService: "No encuentro «{service}». Ofrecemos {services}. ¿Cuál le interesa?",
  unknownStaff: "No encuentro a «{staff}» en el equipo. Tenemos a {names}.",
  booked: "Listo: {service} el {when} con {staff}.",
  bookPending: "He solicitado {service} el {when} con {staff}. El equipo lo confirmará en breve y recibirá un mensaje.",
  slotTaken: "Lo siento, el {when} ya no está libre.",
  holdExpired: "Lo siento, esa hora se ocupó mientras hablábamos.",
  noAppointment: "No encuentro ninguna cita próxima para el número desde el que llama.",
  tooLate: "Los cambios solo son posibles hasta {hours} horas antes de la cita, así que no puedo cambiar esta. Puedo dejar un mensaje al equipo.",
  cancelled: "Su {service} del {when} está cancelada.",
  cancelPending: "He pedido al equipo que cancele su {service} del {when}. Se lo confirmarán en breve.",
  moved: "Hecho: su {service} queda el {when} con {staff}.",
  movePending: "He pedido al equipo que pase su {service} al {when}. Se lo confirmarán en breve.",
  found: "Le encontré, {first}. Su próxima cita es {service} el {when}.",
  foundNone: "Le encontré, {first}. No tiene citas próximas.",
  foundByNameOnly: "Encontré un registro con ese nombre, pero solo puedo dar detalles si llama desde el número registrado.",
  notFoundCustomer: "Todavía no tengo un registro suyo, pero puedo darle cita como cliente nuevo.",
  noInfo: "No tengo esa información. Puedo tomar un mensaje y alguien le devolverá la llamada.",
  hours: "Nuestro horario: {list}.",
  closedOn: "cerrado el {list}",
  holidays: " Cerramos el {list}.",
  address: "Estamos en {list}.",
  services: "Ofrecemos {list}.",
  prices: "Nuestros precios: {list}.",
  messageTaken: "Gracias, {name}. He pasado su mensaje; alguien le llamará {when}.",
  transferOk: "Le paso ahora.",
  transferUnavailable: "Ahora mismo no hay nadie disponible. He pedido al equipo que le llame {when}. ¿Quiere dejar también un mensaje?",
  today: "hoy",
  tomorrow: "mañana",
  onDay: "el {day}",
  invalidArguments: "Me faltan algunos datos ({fields}). ¿Me los puede repetir?",
  error: "Lo siento, algo falló por mi parte. Déjeme tomar un mensaje.",
  stillWorking: "Un momento, todavía estoy en ello.",
  morning: " por la mañana",
  afternoon: " por la tarde",
  evening: " por la noche",
  minutes: "{name} ({minutes} minutos)",
};

const catalogues: Record<ToolLanguage, Catalogue> = { en, es };

export type Phrase = keyof typeof en;

/** One phrase in `language`, its `{names}` filled in. */
export function phrase(language: ToolLanguage, key: Phrase, vars: Vars = {}): string {
  return catalogues[language][key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}

const speakers = new Map<string, Speaker>();

/** Everything an agent needs to speak about times in the business's zone, in its language (made once per pair: formatters are costly). */
export function speaker(language: ToolLanguage, timeZone: string): Speaker {
  const key = `${language} ${timeZone}`;
  let found = speakers.get(key);
  if (!found) speakers.set(key, (found = makeSpeaker(language, timeZone)));
  return found;
}

function makeSpeaker(language: ToolLanguage, timeZone: string) {
  const locale = locales[language];
  const day = new Intl.DateTimeFormat(locale, { weekday: "long", month: "long", day: "numeric", timeZone });
  const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone });
  const weekdayTime = new Intl.DateTimeFormat(locale, { weekday: "long", hour: "numeric", minute: "2-digit", timeZone });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  const wallTime = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
  const or = new Intl.ListFormat(locale, { type: "disjunction" });
  const and = new Intl.ListFormat(locale, { type: "conjunction" });
  // ICU puts a narrow no-break space before AM/PM; speech engines read a plain one better.
  const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");
  return {
    language,
    say: (key: Phrase, vars?: Vars) => phrase(language, key, vars),
    /** "Tuesday, January 19" */
    day: (instant: number) => day.format(instant),
    /** A calendar day of the business, read at its noon so no zone moves it. */
    localDay: (date: LocalDate) => day.format(Date.parse(`${date}T12:00:00Z`)).replace(/,? \d{4}$/, ""),
    time: (instant: number) => plain(time.format(instant)),
    /** "Tuesday, January 19 at 9:00 AM" */
    when: (instant: number) => `${day.format(instant)}${language === "es" ? " a las " : " at "}${plain(time.format(instant))}`,
    /** "Tuesday 9:00 AM" */
    slotLabel: (instant: number) => plain(weekdayTime.format(instant)),
    /** A weekday (0 Sunday) by name. */
    weekday: (index: number) => weekday.format(Date.UTC(2023, 0, 1 + index)),
    /** Minutes after midnight as a time of day. */
    minutes: (value: number) => plain(wallTime.format(Date.UTC(2000, 0, 1, 0, value))),
    or: (items: string[]) => or.format(items),
    and: (items: string[]) => and.format(items),
    price: (cents: number, currency: string) => plain(new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100)),
    /** "today", "tomorrow" or "on Monday, January 18", from `now`'s day in the zone. */
    relativeDay(instant: number, now: number): string {
      const target = localDateOf(instant, timeZone);
      const today = localDateOf(now, timeZone);
      if (target === today) return phrase(language, "today");
      if (target === localDateOf(now + 86_400_000, timeZone)) return phrase(language, "tomorrow");
      return phrase(language, "onDay", { day: day.format(instant) });
    },
  };
}
export type Speaker = ReturnType<typeof makeSpeaker>;

/** An answer: `say` first, the machine word, and whatever else the prompt may use. */
export function answer(code: ToolAnswerCode, say: string, extra: Omit<ToolAnswer, "say" | "ok" | "code"> = {}): ToolAnswer {
  const ok = !["PAST_DATE", "UNRECOGNISED_DATE", "UNKNOWN_SERVICE", "SLOT_TAKEN", "HOLD_EXPIRED", "NOT_FOUND", "TOO_LATE_TO_CHANGE", "TRANSFER_UNAVAILABLE", "INVALID_ARGUMENTS", "ERROR"].includes(code);
  return { say, ok, code, ...extra };
}

/** Words compared without case, accents or punctuation: what a caller said against a name. */
export function normalised(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The best of `candidates` for what the caller said: its id, its name, a name holding the words, or most words shared. */
export function bestMatch<T extends { id: string; name: string }>(candidates: readonly T[], said: string, aliases: (item: T) => string[] = () => []): T | undefined {
  const words = normalised(said);
  if (!words) return undefined;
  const exact = candidates.find((item) => item.id === said.trim() || normalised(item.name) === words);
  if (exact) return exact;
  const spoken = new Set(words.split(" ").filter((word) => word.length > 2 && !stopWords.has(word)));
  let best: { item: T; score: number } | undefined;
  for (const item of candidates) {
    const names = [item.name, ...aliases(item)].map(normalised);
    if (names.some((name) => name.includes(words) || (words.includes(name) && name.length > 3))) return item;
    const own = new Set(names.join(" ").split(" "));
    // A shared word, or one the caller said that starts the same as one of the name's ("clean" / "cleaning").
    const score = [...spoken].filter((word) => own.has(word) || [...own].some((name) => name.length > 3 && (name.startsWith(word) || word.startsWith(name)))).length;
    if (score > 0 && (!best || score > best.score)) best = { item, score };
  }
  return best?.item;
}

const stopWords = new Set(["the", "and", "for", "with", "una", "uno", "con", "para", "los", "las", "del", "appointment", "cita"]);
