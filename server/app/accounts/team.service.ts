import { createHash, randomBytes } from "node:crypto";
import { FrontdeskError, type MemberRole } from "@frontdesk/core";
import {
  createTenant,
  findInvitationByTokenHash,
  forTenant,
  markEmailVerified,
  membershipsOf,
  randomId,
  type Db,
  type Invitation,
  type TeamMember,
  type Tenant,
  type User,
} from "@frontdesk/db";
import type { AccountMail } from "./account-mail";

/** How long an invitation link works. */
export const invitationLifetimeHours = 7 * 24;

/** Who changes the team: a member of the business by their role, or its server (a secret key acts as an owner). */
export interface TeamActor {
  userId: string | null;
  name: string;
  role: MemberRole;
}

export interface NewBusiness {
  name: string;
  timeZone: string;
  /** The first location's address; a business with none gets one location named after it. */
  address?: string;
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

function roleNotAllowed(message: string): FrontdeskError {
  return new FrontdeskError("ROLE_NOT_ALLOWED", message, { field: "role" });
}

/** Only an owner hands out or takes away ownership; admins manage everyone else. */
function mayAssign(actor: TeamActor, role: MemberRole): void {
  if (role === "owner" && actor.role !== "owner") throw roleNotAllowed("Only an owner can make someone an owner.");
}

/**
 * Businesses and their people: a signed-in person creates a business and becomes its owner; owners and admins invite
 * others by e-mail with a role, change roles and remove members. Every change runs in one write of the tenant's scope.
 */
export function teamService(deps: { db: Db; now: () => number; mail: AccountMail; publicUrl: string }) {
  const { db, now, mail } = deps;

  async function staffExists(tenantId: string, staffId: string | null | undefined): Promise<void> {
    if (!staffId) return;
    const found = (await forTenant(db, tenantId).staff()).some((member) => member.id === staffId);
    if (!found) throw new FrontdeskError("UNKNOWN_STAFF", "This business has no such staff member.", { field: "staffId" });
  }

  return {
    /** The businesses a person belongs to, with their role in each. */
    memberships(userId: string) {
      return membershipsOf(db, userId);
    },

    /** Makes the business (its tenant, one location, the creator as owner) in one transaction. */
    async createBusiness(user: Pick<User, "id">, business: NewBusiness): Promise<Tenant> {
      const tenantId = randomId("ten");
      const at = now();
      await db.transaction(async (tx) => {
        await createTenant(tx, { tenant: { id: tenantId, name: business.name, timeZone: business.timeZone, createdAt: at } });
        const scope = forTenant(tx, tenantId);
        await scope.addLocation(randomId("loc"), { name: business.name, address: business.address ?? "" });
        await scope.addMember({ id: randomId("mem"), userId: user.id, role: "owner", createdAt: at });
      });
      return (await forTenant(db, tenantId).tenant())!;
    },

    members(tenant: Tenant): Promise<TeamMember[]> {
      return forTenant(db, tenant.id).teamMembers();
    },

    invitations(tenant: Tenant): Promise<Invitation[]> {
      return forTenant(db, tenant.id).pendingInvitations(now());
    },

    /** Invites `email` as `role` (replacing an open invitation to the same address) and mails the link. */
    async invite(tenant: Tenant, actor: TeamActor, input: { email: string; role: MemberRole; staffId?: string | null; locale?: string }): Promise<Invitation> {
      mayAssign(actor, input.role);
      await staffExists(tenant.id, input.staffId);
      const email = input.email.trim().toLowerCase();
      const members = await forTenant(db, tenant.id).teamMembers();
      if (members.some((member) => member.email.toLowerCase() === email)) {
        throw new FrontdeskError("VALIDATION_FAILED", "This person is already a member of the business.", { field: "email" });
      }
      const token = randomBytes(32).toString("base64url");
      const id = randomId("inv");
      const expiresAt = now() + invitationLifetimeHours * 3_600_000;
      await db.transaction(async (tx) => {
        const scope = forTenant(tx, tenant.id);
        await scope.addInvitation({ id, email, role: input.role, staffId: input.staffId ?? null, tokenHash: tokenHash(token), expiresAt, invitedBy: actor.userId, createdAt: now() });
        const url = new URL("/back-office", deps.publicUrl);
        url.searchParams.set("invitation", token);
        await mail.send(
          {
            kind: "invitation",
            to: email,
            tenantId: tenant.id,
            data: { url: url.href, businessName: tenant.name, inviterName: actor.name, role: input.role, expiresInHours: invitationLifetimeHours, locale: input.locale ?? null },
          },
          tx,
        );
      });
      return (await forTenant(db, tenant.id).invitation(id))!;
    },

    async revokeInvitation(tenant: Tenant, invitationId: string): Promise<void> {
      const revoked = await db.write((writer) => forTenant(writer, tenant.id).closeInvitation(invitationId, "revoked"));
      if (!revoked) throw new FrontdeskError("INVALID_INVITATION", "This business has no open invitation with that id.", { field: "invitationId" });
    },

    /**
     * The signed-in person joins the business the link's invitation is for, with its role. The link reached the invited
     * address, so it also proves the address; signed in with another address, the invitation is refused.
     */
    async accept(user: Pick<User, "id" | "email">, token: string): Promise<{ tenant: Tenant; role: MemberRole }> {
      const found = await findInvitationByTokenHash(db, tokenHash(token));
      if (!found || found.invitation.status !== "pending") {
        throw new FrontdeskError("INVALID_INVITATION", "This invitation link is not valid any more. Ask for a new invitation.", { field: "token" });
      }
      const { invitation, tenant } = found;
      if (invitation.expiresAt <= now()) {
        throw new FrontdeskError("INVITATION_EXPIRED", "This invitation has expired. Ask for a new one.", { field: "token" });
      }
      if (invitation.email !== user.email.toLowerCase()) {
        throw new FrontdeskError("INVITATION_FOR_ANOTHER_EMAIL", `This invitation is for ${invitation.email}. Sign in with that address to accept it.`, { field: "token" });
      }
      await db.transaction(async (tx) => {
        const scope = forTenant(tx, tenant.id);
        if (!(await scope.closeInvitation(invitation.id, "accepted", user.id))) {
          throw new FrontdeskError("INVALID_INVITATION", "This invitation link is not valid any more. Ask for a new invitation.", { field: "token" });
        }
        if (!(await scope.memberOf(user.id))) {
          await scope.addMember({ id: randomId("mem"), userId: user.id, role: invitation.role, staffId: invitation.staffId, createdAt: now() });
        }
        await markEmailVerified(tx, user.id);
      });
      return { tenant, role: invitation.role };
    },

    /** Changes a member's role or staff record; the business always keeps an owner. */
    async updateMember(tenant: Tenant, actor: TeamActor, memberId: string, patch: { role?: MemberRole; staffId?: string | null }): Promise<TeamMember> {
      await staffExists(tenant.id, patch.staffId);
      await db.transaction(async (tx) => {
        const scope = forTenant(tx, tenant.id);
        const target = await scope.member(memberId);
        if (!target) throw new FrontdeskError("NOT_FOUND", "This business has no such member.", { field: "memberId" });
        if (patch.role) mayAssign(actor, patch.role);
        if (target.role === "owner" && actor.role !== "owner") throw roleNotAllowed("Only an owner can change another owner.");
        if (target.role === "owner" && patch.role && patch.role !== "owner") await keepsAnOwner(scope.teamMembers(), memberId);
        await scope.updateMember(memberId, patch);
      });
      return (await forTenant(db, tenant.id).member(memberId))!;
    },

    async removeMember(tenant: Tenant, actor: TeamActor, memberId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const scope = forTenant(tx, tenant.id);
        const target = await scope.member(memberId);
        if (!target) throw new FrontdeskError("NOT_FOUND", "This business has no such member.", { field: "memberId" });
        if (target.role === "owner") {
          if (actor.role !== "owner") throw roleNotAllowed("Only an owner can remove an owner.");
          await keepsAnOwner(scope.teamMembers(), memberId);
        }
        await scope.removeMember(memberId);
      });
    },
  };
}

async function keepsAnOwner(members: Promise<TeamMember[]>, leaving: string): Promise<void> {
  const owners = (await members).filter((member) => member.role === "owner" && member.id !== leaving);
  if (owners.length === 0) throw new FrontdeskError("LAST_OWNER", "A business needs at least one owner. Make someone else an owner first.", { field: "memberId" });
}

export type TeamService = ReturnType<typeof teamService>;
