import { z } from "zod";
// The scopes and what each member role may do are in ../vocabulary, which the widgets import without zod.
import { apiScopes } from "../vocabulary";

/**
 * Who can act on a business's data. Each request resolves one per credential it presents: a website visitor
 * (publishable key and page origin), a business's own server (secret key, with scopes), a customer holding a
 * manage link; staff sessions, embed sessions, the phone line's AI agent and platform admins come next.
 */
export const principalKinds = ["visitor", "business", "manageLink", "staff", "embedSession", "agent", "platformAdmin"] as const;
export type PrincipalKind = (typeof principalKinds)[number];

export const apiScopeSchema = z.enum(apiScopes);

