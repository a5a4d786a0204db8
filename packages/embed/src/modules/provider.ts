// Only for embed.js, which registers `<fd-provider>` on a page that shows one before any widget inside it.
import "../module-namespace";
export * from "@frontdesk/ui/provider/define";
