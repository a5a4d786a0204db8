import type { Attribute, ClassMember, Event as ManifestEvent, Package } from "custom-elements-manifest/schema";
import { elementsOf, type ElementDeclaration } from "./manifest";

/**
 * TypeScript declarations for JSX in React 19, Vue 3 templates and Svelte 5, made from the manifest. Each file declares
 * the elements' DOM interfaces, their attributes and their events, and adds the tags to the framework's own list of
 * intrinsic elements, so that a wrong attribute value or a wrong use of an event's detail fails the app's typecheck.
 */

const header = "// Made from custom-elements.json by packages/elements (pnpm --filter @frontdesk/elements generate): do not edit.\n";

const pascal = (tag: string) => tag.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const optionalType = (text: string | undefined) => (text ?? "string").replace(/ \| undefined$/, "");

function doc(text: string | undefined, indent: string): string {
  if (!text) return "";
  const lines = text.trim().split("\n");
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

const publicMembers = (element: ElementDeclaration): ClassMember[] => (element.members ?? []).filter((member) => !member.static && member.privacy !== "private" && member.privacy !== "protected");

function memberLine(member: ClassMember): string {
  if (member.kind === "method") {
    const parameters = (member.parameters ?? []).map((parameter) => `${parameter.name}${parameter.optional ? "?" : ""}: ${parameter.type?.text ?? "unknown"}`);
    return `${doc(member.description, "  ")}  ${key(member.name)}(${parameters.join(", ")}): ${member.return?.type?.text ?? "void"};\n`;
  }
  return `${doc(member.description, "  ")}  ${key(member.name)}: ${member.type?.text ?? "unknown"};\n`;
}

const attributeLine = (attribute: Attribute) => `${doc(attribute.description, "  ")}  ${key(attribute.name)}?: ${optionalType(attribute.type?.text)};\n`;
const eventLine = (event: ManifestEvent) => `${doc(event.description, "  ")}  ${key(event.name)}: ${event.type?.text ?? "CustomEvent"};\n`;

/** The interfaces every framework file shares: `FdBookingElement`, `FdBookingAttributes`, `FdBookingEvents`, … */
function interfaces(manifest: Package): string {
  return elementsOf(manifest)
    .map((element) => {
      const name = pascal(element.tagName);
      return [
        `${doc(`\`<${element.tagName}>\` in the DOM: its properties and methods.`, "")}export interface ${name}Element extends HTMLElement {\n${publicMembers(element).map(memberLine).join("")}}\n`,
        `${doc(`The attributes of \`<${element.tagName}>\`.`, "")}export interface ${name}Attributes {\n${(element.attributes ?? []).map(attributeLine).join("")}}\n`,
        `${doc(`The events \`<${element.tagName}>\` dispatches, by name. They bubble and cross shadow roots.`, "")}export interface ${name}Events {\n${(element.events ?? []).map(eventLine).join("")}}\n`,
      ].join("\n");
    })
    .join("\n");
}

/** `{ "fd-booking": FdBooking…, … }` lines for a framework's list of elements. */
function tagLines(manifest: Package, type: (name: string) => string, indent: string): string {
  return elementsOf(manifest)
    .map((element) => `${doc(element.summary ?? element.description, indent)}${indent}${JSON.stringify(element.tagName)}: ${type(pascal(element.tagName))};\n`)
    .join("");
}

/** React 19 sets a custom element's known properties, its other props as attributes, and listens to `on<event-name>` props. */
export function reactTypes(manifest: Package): string {
  return `${header}import type { DetailedHTMLProps, HTMLAttributes } from "react";

${interfaces(manifest)}
/** React 19 listens to an element's own events through \`on\` + the event's name: \`onfd-booking-created\`. */
export type EventProps<Events> = { [Name in keyof Events & string as \`on\${Name}\`]?: (event: Events[Name]) => void };

/** What JSX accepts on an element: React's HTML attributes, the element's attributes and its events. */
export type ElementProps<Element, Attributes, Events> = DetailedHTMLProps<HTMLAttributes<Element>, Element> & Attributes & EventProps<Events>;

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
${tagLines(manifest, (name) => `ElementProps<${name}Element, ${name}Attributes, ${name}Events>`, "      ")}    }
  }
}
`;
}

/**
 * Vue 3 checks a template's tags against \`GlobalComponents\` (with vue-tsc): the attributes through \`$props\`, the
 * \`@event\` listeners through \`$emit\`, as Vue's guide to non-Vue custom elements describes.
 */
export function vueTypes(manifest: Package): string {
  return `${header}import type { EmitFn, HTMLAttributes, PublicProps } from "vue";

${interfaces(manifest)}
/** \`publishable-key\` → \`publishableKey\`: vue-tsc checks a template's attributes by their camel-cased names. */
export type Camelize<Name extends string> = Name extends \`\${infer Head}-\${infer Tail}\` ? \`\${Head}\${Capitalize<Camelize<Tail>>}\` : Name;

/** A custom element as Vue's template checker sees a component: attributes as props, events as emits. */
export type VueElement<Element, Attributes, Events> = new () => Element & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: HTMLAttributes & { [Name in keyof Attributes & string as Camelize<Name>]?: Attributes[Name] } & PublicProps;
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
};

declare module "vue" {
  interface GlobalComponents {
${tagLines(manifest, (name) => `VueElement<${name}Element, ${name}Attributes, ${name}Events>`, "    ")}  }
}
`;
}

/** Svelte 5 reads elements from \`svelte/elements\`, and treats an \`on<event-name>\` attribute as a listener. */
export function svelteTypes(manifest: Package): string {
  return `${header}import type { HTMLAttributes } from "svelte/elements";

${interfaces(manifest)}
/** Svelte 5 listens to an element's own events through \`on\` + the event's name: \`onfd-booking-created\`. */
export type EventAttributes<Events> = { [Name in keyof Events & string as \`on\${Name}\`]?: (event: Events[Name]) => void };

declare module "svelte/elements" {
  interface SvelteHTMLElements {
${tagLines(manifest, (name) => `HTMLAttributes<${name}Element> & ${name}Attributes & EventAttributes<${name}Events>`, "    ")}  }
}
`;
}
