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

// Platform operators (`FRONTDESK_ADMIN_EMAILS`): every business and person on the server.

export const operatorPageInput = z.object({
  after: id.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  search: z.string().trim().max(100).optional(),
});
export const operatorBusinessesOutput = z.object({
  businesses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sandbox: z.boolean(),
      createdAt: at,
      suspendedAt: at.nullable(),
      usage: z.object({ members: z.number().int(), appointments: z.number().int(), appointmentsLast30Days: z.number().int(), messagesSent: z.number().int() }),
    }),
  ),
  /** Pass as `after` for the next page; null on the last one. */
  next: z.string().nullable(),
});
export const operatorPeopleOutput = z.object({
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      emailVerified: z.boolean(),
      twoFactorEnabled: z.boolean(),
      businesses: z.number().int(),
      createdAt: at,
      suspendedAt: at.nullable(),
    }),
  ),
  next: z.string().nullable(),
});
export const operatorUsageOutput = z.object({
  businesses: z.number().int(),
  suspendedBusinesses: z.number().int(),
  people: z.number().int(),
  appointmentsLast30Days: z.number().int(),
});
export const businessIdInput = z.object({ businessId: id });
export const personIdInput = z.object({ userId: id });
