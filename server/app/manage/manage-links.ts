import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { FrontdeskError } from "@frontdesk/core";
import { findTenantOfAppointment, keepServerSetting, type Db, type Tenant } from "@frontdesk/db";

/** A manage link works until this many days after the appointment's end: enough for a follow-up, not for ever. */
export const manageLinkDaysAfterEnd = 30;

/** Signs and checks the tokens in customers' manage links: `<appointment id>.<HMAC>`; nothing to store per link. */
export interface ManageLinks {
  tokenFor(appointmentId: string): string;
  /** The appointment id a token names, or undefined for a forged or damaged token. */
  verify(token: string): string | undefined;
  /** The page where the customer manages the appointment: the business's own, or this server's. */
  urlFor(appointmentId: string, businessManageUrl: string | null): string;
}

export function manageLinks(secret: string, publicUrl: string): ManageLinks {
  const sign = (appointmentId: string) => createHmac("sha256", secret).update(`manage:${appointmentId}`).digest("base64url");
  const tokenFor = (appointmentId: string) => `${appointmentId}.${sign(appointmentId)}`;
  return {
    tokenFor,
    verify(token) {
      const dot = token.lastIndexOf(".");
      if (dot <= 0) return undefined;
      const appointmentId = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1));
      const expected = Buffer.from(sign(appointmentId));
      return given.length === expected.length && timingSafeEqual(given, expected) ? appointmentId : undefined;
    },
    urlFor(appointmentId, businessManageUrl) {
      const url = new URL(businessManageUrl ?? "/manage", publicUrl);
      url.searchParams.set("token", tokenFor(appointmentId));
      return url.href;
    },
  };
}

/** What a valid token opens: one appointment, and the business it belongs to. */
export interface ManageLink {
  tenant: Tenant;
  appointmentId: string;
}

/** The appointment a token names and its business; `INVALID_MANAGE_LINK` for a forged or damaged token or a removed appointment. */
export async function openManageLink(db: Db, links: ManageLinks, token: string): Promise<ManageLink> {
  const appointmentId = links.verify(token);
  const tenant = appointmentId ? await findTenantOfAppointment(db, appointmentId) : undefined;
  if (!appointmentId || !tenant) throw invalidManageLink();
  return { tenant, appointmentId };
}

function invalidManageLink(): FrontdeskError {
  return new FrontdeskError("INVALID_MANAGE_LINK", "This link is not valid. Open the link from your most recent confirmation email.", { field: "token" });
}

/** `FRONTDESK_SECRET`, or a random secret made on first start and kept in the database so links survive restarts. */
export async function loadSigningSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return db.write((writer) => keepServerSetting(writer, "signing_secret", () => randomBytes(32).toString("base64url")));
}
