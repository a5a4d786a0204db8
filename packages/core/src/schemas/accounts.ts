import { z } from "zod";
import { memberRoles } from "../vocabulary";
import { idSchema as id, timeZoneSchema } from "./common";

// People and businesses: the signed-in person, the business they create, its members and invitations. Sign-in itself
// (passwords, sessions, two-factor, passkeys) is the accounts API under /api/auth (docs/accounts.md).

const email = z.email("Enter an e-mail address like name@example.com.").max(254);
const role = z.enum(memberRoles);
const at = z.string();

export const createBusinessInput = z.object({
  name: z.string().trim().min(1, "Give the business a name.").max(120),
  timeZone: timeZoneSchema,
  address: z.string().trim().max(300).optional(),
});
export const businessOutput = z.object({ id: z.string(), name: z.string(), timeZone: z.string() });

export const meOutput = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    image: z.string().nullable(),
    locale: z.string().nullable(),
    timeZone: z.string().nullable(),
    twoFactorEnabled: z.boolean(),
  }),
  businesses: z.array(z.object({ id: z.string(), name: z.string(), role, staffId: z.string().nullable(), suspended: z.boolean() })),
});

export const teamMemberOutput = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  image: z.string().nullable(),
  role,
  staffId: z.string().nullable(),
  createdAt: at,
});
export const teamMembersOutput = z.array(teamMemberOutput);

export const inviteInput = z.object({
  email,
  role,
  /** The staff record the invitee will be linked to. */
  staffId: id.nullable().optional(),
  /** The language of the invitation mail; English when absent. */
  locale: z.string().max(35).optional(),
});
export const invitationOutput = z.object({
  id: z.string(),
  email: z.string(),
  role,
  staffId: z.string().nullable(),
  expiresAt: at,
  createdAt: at,
});
export const invitationsOutput = z.array(invitationOutput);
export const invitationIdInput = z.object({ invitationId: id });

export const memberIdInput = z.object({ memberId: id });
export const updateMemberInput = z
  .object({ memberId: id, role: role.optional(), staffId: id.nullable().optional() })
  .refine((patch) => patch.role !== undefined || patch.staffId !== undefined, { message: "Change the role, the staff record, or both.", path: ["role"] });

export const acceptInvitationInput = z.object({ token: z.string().min(1, "Required.").max(200) });
export const acceptInvitationOutput = z.object({ business: z.object({ id: z.string(), name: z.string() }), role });
