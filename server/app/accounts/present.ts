import type { Invitation, Member, TeamMember, Tenant, User } from "@frontdesk/db";
import type { BusinessServer, EmbedSession, StaffSession } from "../auth/principal";
import type { TeamActor } from "./team.service";

const iso = (ms: number) => new Date(ms).toISOString();

export function presentMe(user: User, memberships: { member: Member; tenant: Tenant }[]) {
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      image: user.image,
      locale: user.locale,
      timeZone: user.timeZone,
      twoFactorEnabled: user.twoFactorEnabled ?? false,
    },
    businesses: memberships.map(({ member, tenant }) => ({ id: tenant.id, name: tenant.name, role: member.role, staffId: member.staffId, suspended: tenant.suspendedAt !== null })),
  };
}

export function presentMember(member: TeamMember) {
  const { id, userId, name, email, image, role, staffId, createdAt } = member;
  return { id, userId, name, email, image, role, staffId, createdAt: iso(createdAt) };
}

export function presentInvitation(invitation: Invitation) {
  const { id, email, role, staffId, expiresAt, createdAt } = invitation;
  return { id, email, role, staffId, expiresAt: iso(expiresAt), createdAt: iso(createdAt) };
}

export const presentBusiness = ({ id, name, timeZone }: Tenant) => ({ id, name, timeZone });

/** Who a team change is made by: the member, an embed session in its role, or the business's own server acting as an owner. */
export function teamActorOf(principal: BusinessServer | StaffSession | EmbedSession): TeamActor {
  if (principal.kind === "staff") return { userId: principal.userId, name: principal.name, role: principal.role };
  return { userId: null, name: principal.tenant.name, role: principal.kind === "embedSession" ? principal.role : "owner" };
}
