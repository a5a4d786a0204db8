import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { create, ts as analyzerTs } from "@custom-elements-manifest/analyzer";
// The analyzer ships its Lit support (what its CLI's --litelement adds) without a named export.
import { litPlugin } from "@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js";
import type { ClassDeclaration, CustomElement, Package } from "custom-elements-manifest/schema";
import ts from "typescript";

/** The repository's root: module paths in the manifest are relative to it. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The modules that declare the public elements, and the classes they inherit from. `<fd-calendar>` is left out: it is
 * drawn inside the widgets' shadow roots and is not for pages to use.
 */
export const elementSources = [
  "widgets/booking/src/booking/booking.ts",
  "widgets/booking/src/booking/define.ts",
  "widgets/booking-manage/src/booking-manage/booking-manage.ts",
  "widgets/booking-manage/src/booking-manage/define.ts",
  "widgets/team/src/back-office/back-office-widget.ts",
  "widgets/team/src/business-setup/business-setup.ts",
  "widgets/team/src/business-setup/define.ts",
  "widgets/team/src/team/team.ts",
  "widgets/team/src/team/define.ts",
  "widgets/team/src/api-keys/api-keys.ts",
  "widgets/team/src/api-keys/define.ts",
  "widgets/team/src/calendar-connections/calendar-connections.ts",
  "widgets/team/src/calendar-connections/define.ts",
  "widgets/calls/src/call-log/call-log.ts",
  "widgets/calls/src/call-log/define.ts",
  "widgets/calls/src/call-detail/call-detail.ts",
  "widgets/calls/src/call-detail/define.ts",
  "widgets/calls/src/approvals/approvals.ts",
  "widgets/calls/src/approvals/define.ts",
  "widgets/phone/src/phone-numbers/phone-numbers.ts",
  "widgets/phone/src/phone-numbers/define.ts",
  "widgets/phone/src/agents/agents.ts",
  "widgets/phone/src/agents/define.ts",
  "widgets/sign-in/src/sign-in/sign-in.ts",
  "widgets/sign-in/src/sign-in/define.ts",
  "widgets/sign-in/src/account/account.ts",
  "widgets/sign-in/src/account/define.ts",
  "widgets/sign-in/src/back-office/back-office.ts",
  "widgets/sign-in/src/back-office/define.ts",
  "packages/ui/src/widget.ts",
  "packages/ui/src/provider/provider.ts",
  "packages/ui/src/provider/define.ts",
];

/** A class the analyzer found to be a custom element, with the tag it is registered under. */
export type ElementDeclaration = CustomElement & ClassDeclaration & { tagName: string };

/** Runs the analyzer over the element sources, with Lit's syntax, and returns custom-elements.json's content. */
export function analyzeElements(): Package {
  const program = ts.createProgram(
    elementSources.map((path) => repoRoot + path),
    { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, noEmit: true, skipLibCheck: true },
  );
  const modules = elementSources.map((path) => analyzerTs.createSourceFile(path, readFileSync(repoRoot + path, "utf8"), analyzerTs.ScriptTarget.ES2022, true));
  return create({ modules, plugins: [...litPlugin(), publicAttributesOnly(), expandedTypes(program)], context: { dev: false } });
}

/** The declarations of the elements a page can use, by tag name. */
export function elementsOf(manifest: Package): ElementDeclaration[] {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration): declaration is ElementDeclaration => "tagName" in declaration && !!declaration.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

const isPublic = (member: { privacy?: string }) => member.privacy !== "private" && member.privacy !== "protected";

/**
 * Lit's `static properties` list internal state (`state: true`) and protected fields beside the attributes; only the
 * public fields are the element's attributes.
 */
function publicAttributesOnly() {
  return {
    name: "frontdesk-public-attributes",
    packageLinkPhase({ customElementsManifest }: { customElementsManifest: Package }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        if (declaration.kind !== "class") continue;
        declaration.members = declaration.members?.filter(isPublic);
        const fields = new Set(declaration.members?.map((member) => member.name));
        const element = declaration as ClassDeclaration & CustomElement;
        element.attributes = element.attributes?.filter((attribute) => !attribute.fieldName || fields.has(attribute.fieldName));
      }
    },
  };
}

/**
 * Writes each attribute's, property's and event detail's type out in full (`"inline" | "popup" | "floating"`, not
 * `BookingMode`), read from TypeScript's checker, so that the data made from the manifest needs none of our sources.
 */
function expandedTypes(program: ts.Program) {
  const checker = program.getTypeChecker();
  return {
    name: "frontdesk-expanded-types",
    packageLinkPhase({ customElementsManifest }: { customElementsManifest: Package }) {
      for (const module of customElementsManifest.modules) {
        const source = program.getSourceFile(repoRoot + module.path);
        if (!source) throw new Error(`${module.path} is not among the element sources`);
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== "class") continue;
          const node = source.statements.find((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name?.text === declaration.name);
          if (!node) throw new Error(`${declaration.name} is not declared in ${module.path}`);
          const instance = checker.getTypeAtLocation(node);
          const typeOfField = (name: string) => {
            const symbol = instance.getProperty(name);
            return symbol ? typeText(checker, checker.getTypeOfSymbolAtLocation(symbol, node)) : undefined;
          };
          for (const member of declaration.members ?? []) {
            if (member.kind !== "field") continue;
            const text = typeOfField(member.name);
            if (text) member.type = { text };
          }
          const element = declaration as ClassDeclaration & CustomElement;
          for (const attribute of element.attributes ?? []) {
            const text = attribute.fieldName ? typeOfField(attribute.fieldName) : undefined;
            if (text) attribute.type = { text };
          }
          for (const event of element.events ?? []) {
            const detail = /^CustomEvent<([A-Z]\w*)>$/.exec(event.type?.text ?? "")?.[1];
            if (!detail) continue;
            const type = namedType(checker, source, detail);
            if (!type) throw new Error(`The detail type ${detail} of ${event.name} is not declared or imported in ${module.path}`);
            event.type = { text: `CustomEvent<${typeText(checker, type)}>` };
          }
        }
      }
    },
  };
}

/** The interface or type alias a module declares or imports under `name`. */
function namedType(checker: ts.TypeChecker, source: ts.SourceFile, name: string): ts.Type | undefined {
  for (const statement of source.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name) return checker.getTypeAtLocation(statement.name);
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    const imported = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((element) => element.name.text === name) : undefined;
    const symbol = imported && checker.getSymbolAtLocation(imported.name);
    if (symbol) return checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));
  }
  return undefined;
}

/** A type as a reader would write it, with our own aliases and interfaces written out; library types keep their names. */
function typeText(checker: ts.TypeChecker, type: ts.Type): string {
  if (type.isUnion()) {
    // A function type in a union needs parentheses: `(() => Promise<string>) | undefined`.
    const member = (part: ts.Type) => (part.getCallSignatures().length > 0 ? `(${typeText(checker, part)})` : typeText(checker, part));
    const parts = type.types.filter((part) => !(part.flags & ts.TypeFlags.BooleanLiteral)).map(member);
    if (type.types.some((part) => part.flags & ts.TypeFlags.BooleanLiteral)) parts.push("boolean");
    // undefined last, as people write it.
    return [...parts.filter((part) => part !== "undefined"), ...parts.filter((part) => part === "undefined")].join(" | ");
  }
  const declaration = type.getSymbol()?.declarations?.[0];
  const ours = declaration && !relative(repoRoot, declaration.getSourceFile().fileName).includes("node_modules");
  if (type.flags & ts.TypeFlags.Object && ours && type.getCallSignatures().length === 0) {
    const fields = type.getProperties().map((property) => {
      const optional = property.flags & ts.SymbolFlags.Optional ? "?" : "";
      const propertyType = checker.getTypeOfSymbol(property);
      const text = typeText(checker, optional ? checker.getNonNullableType(propertyType) : propertyType);
      return `${property.name}${optional}: ${text}`;
    });
    return `{ ${fields.join("; ")} }`;
  }
  return checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
}
