declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent<{ publishableKey: string }>;
  export default component;
}
