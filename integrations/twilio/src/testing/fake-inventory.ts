/**
 * The numbers the fake Twilio has for sale: a fixed inventory per country and type, all in ranges set aside for
 * fiction (NANP 555-01xx, Ofcom's drama ranges, …), so no test ever shows a real person's number. Search follows the
 * `Contains` pattern rules of Twilio's AvailablePhoneNumbers resource.
 */

export type InventoryType = "Local" | "TollFree" | "Mobile";

export interface InventoryNumber {
  phoneNumber: string;
  friendlyName: string;
  isoCountry: string;
  type: InventoryType;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  rateCenter: string | null;
  lata: string | null;
  addressRequirements: "none" | "any" | "local" | "foreign";
  capabilities: { voice: boolean; SMS: boolean; MMS: boolean };
}

interface Block {
  country: string;
  type: InventoryType;
  /** Country calling code, without `+`. */
  callingCode: string;
  /** The national number without its last two digits; the block holds `…00` to `…19`. */
  prefix: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  rateCenter?: string;
  lata?: string;
  addressRequirements?: InventoryNumber["addressRequirements"];
  sms?: boolean;
  format: (national: string) => string;
}

const nanp = (national: string) => `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
const spaced = (...sizes: number[]) => (national: string) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) parts.push(national.slice(at, (at += size)));
  return `0${parts.join(" ")}`;
};

const blocks: Block[] = [
  { country: "US", type: "Local", callingCode: "1", prefix: "41555501", locality: "San Francisco", region: "CA", postalCode: "94105", rateCenter: "SNFC CNTRL", lata: "722", format: nanp },
  { country: "US", type: "Local", callingCode: "1", prefix: "21255501", locality: "New York", region: "NY", postalCode: "10001", rateCenter: "NWYRCYZN01", lata: "132", format: nanp },
  { country: "US", type: "Local", callingCode: "1", prefix: "51255501", locality: "Austin", region: "TX", postalCode: "78701", rateCenter: "AUSTIN", lata: "558", format: nanp },
  { country: "US", type: "TollFree", callingCode: "1", prefix: "80055501", format: nanp },
  { country: "US", type: "TollFree", callingCode: "1", prefix: "88855501", format: nanp },
  { country: "CA", type: "Local", callingCode: "1", prefix: "60455501", locality: "Vancouver", region: "BC", postalCode: "V6B", rateCenter: "VANCOUVER", lata: "888", format: nanp },
  { country: "CA", type: "TollFree", callingCode: "1", prefix: "83355501", format: nanp },
  { country: "GB", type: "Local", callingCode: "44", prefix: "20794600", locality: "London", region: "GB", addressRequirements: "local", sms: false, format: spaced(2, 4, 4) },
  { country: "GB", type: "Mobile", callingCode: "44", prefix: "77009001", addressRequirements: "any", format: spaced(4, 6) },
  { country: "GB", type: "TollFree", callingCode: "44", prefix: "80815700", addressRequirements: "any", sms: false, format: spaced(3, 3, 4) },
  { country: "ES", type: "Local", callingCode: "34", prefix: "9100000", locality: "Madrid", region: "MD", addressRequirements: "local", sms: false, format: (n) => `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}` },
  { country: "ES", type: "Mobile", callingCode: "34", prefix: "6000000", addressRequirements: "any", format: (n) => `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}` },
];

export const inventory: readonly InventoryNumber[] = blocks.flatMap((block) =>
  Array.from({ length: 20 }, (_, index) => {
    const national = `${block.prefix}${String(index).padStart(2, "0")}`;
    return {
      phoneNumber: `+${block.callingCode}${national}`,
      friendlyName: block.format(national),
      isoCountry: block.country,
      type: block.type,
      locality: block.locality ?? null,
      region: block.region ?? null,
      postalCode: block.postalCode ?? null,
      rateCenter: block.rateCenter ?? null,
      lata: block.lata ?? null,
      addressRequirements: block.addressRequirements ?? "none",
      capabilities: { voice: true, SMS: block.sms ?? true, MMS: (block.sms ?? true) && block.callingCode === "1" },
    };
  }),
);

const callingCodes = new Map(blocks.map((block) => [block.country, block.callingCode]));

export function sellsIn(country: string): boolean {
  return callingCodes.has(country);
}

export function offers(country: string, type: InventoryType): boolean {
  return blocks.some((block) => block.country === country && block.type === type);
}

/** The national number: the E.164 digits after the country calling code. */
export function nationalNumber(number: InventoryNumber): string {
  return number.phoneNumber.slice(1 + callingCodes.get(number.isoCountry)!.length);
}

const keypad: Record<string, string> = Object.fromEntries(
  ["abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz"].flatMap((letters, index) => [...letters].map((letter) => [letter, String(index + 2)])),
);

/**
 * A `Contains` pattern as Twilio reads it: 2 to 16 digits and letters (a letter is its keypad digit), `*` one
 * character, `%` any run of them, a leading `+` anchors the start and a trailing `$` the end. Answers null when the
 * pattern breaks those rules.
 */
export function containsPattern(pattern: string): RegExp | null {
  if (pattern.length < 2 || pattern.length > 16 || !/^\+?[0-9a-zA-Z*%]+\$?$/.test(pattern)) return null;
  const body = pattern.replace(/^\+/, "").replace(/\$$/, "");
  // At least two real characters, and wildcards only before or after them, never between.
  if ((body.match(/[0-9a-zA-Z]/g) ?? []).length < 2 || /[0-9a-zA-Z][*%]+[0-9a-zA-Z]/.test(body)) return null;
  const source = [...body]
    .map((char) => (char === "*" ? "\\d" : char === "%" ? "\\d*" : (keypad[char.toLowerCase()] ?? char)))
    .join("");
  return new RegExp(`${pattern.startsWith("+") ? "^" : ""}${source}${pattern.endsWith("$") ? "$" : ""}`);
}
