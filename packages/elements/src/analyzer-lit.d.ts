// The analyzer ships its Lit support without type declarations.
declare module "@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js" {
  export function litPlugin(): { name: string }[];
}
