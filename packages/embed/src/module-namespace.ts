import { installNamespace } from "./namespace";

installNamespace(import.meta.url);
