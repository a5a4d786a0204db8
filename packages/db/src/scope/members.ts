import { and, asc, desc, eq, getTableColumns, gt } from "drizzle-orm";
import type { MemberRole } from "@frontdesk/core";
import { ormOf, type DrizzleDb, type Reader, type Writer } from "../client";
import { invitations, members, users, verifications } from "../schema/accounts";
import { tenants } from "../schema/tenants";
import type { Tenant } from "./tenants";

export type Member = typeof members.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type NewInvitation = Omit<typeof invitations.$inferInsert, "tenantId" | "status" | "acceptedBy">;

/** A member with the person's name and address, as the team list shows them. */
export interface TeamMember extends Member {
  name: string;
  email: string;
  image: string | null;
}

/** One tenant's members and invitations: reads. */
export function memberReads(orm: DrizzleDb, tenantId: string) {
  const memberColumns = { ...getTableColumns(members), name: users.name, email: users.email, image: users.image };
  return {
    teamMembers(): Promise<TeamMember[]> {
      return orm
        .select(memberColumns)
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(eq(members.tenantId, tenantId))
        .orderBy(asc(members.createdAt));
    },

    async memberOf(userId: string): Promise<Member | undefined> {
      const [row] = await orm.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.userId, userId)));
      return row;
    },

    async member(memberId: string): Promise<TeamMember | undefined> {
      const [row] = await orm
        .select(memberColumns)
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)));
      return row;
    },

    pendingInvitations(now: number): Promise<Invitation[]> {
      return orm
        .select()
        .from(invitations)
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.status, "pending"), gt(invitations.expiresAt, now)))
        .orderBy(desc(invitations.createdAt));
    },

    async invitation(invitationId: string): Promise<Invitation | undefined> {
      const [row] = await orm.select().from(invitations).where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId)));
      return row;
    },
  };
}

/** One tenant's members and invitations: writes, only on a Writer's scope. */
export function memberWrites(orm: DrizzleDb, tenantId: string) {
  return {
    async addMember(member: { id: string; userId: string; role: MemberRole; staffId?: string | null; createdAt: number }): Promise<void> {
      await orm.insert(members).values({ ...member, tenantId });
    },

    /** False if the business has no such member. */
    async updateMember(memberId: string, patch: { role?: MemberRole; staffId?: string | null }): Promise<boolean> {
      const rows = await orm
        .update(members)
        .set(patch)
        .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)))
        .returning({ id: members.id });
      return rows.length > 0;
    },

    async removeMember(memberId: string): Promise<boolean> {
      const rows = await orm
        .delete(members)
        .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)))
        .returning({ id: members.id });
      return rows.length > 0;
    },

    /** Replaces any pending invitation to the same address. */
    async addInvitation(invitation: NewInvitation): Promise<void> {
      await orm
        .update(invitations)
        .set({ status: "revoked" })
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.email, invitation.email), eq(invitations.status, "pending")));
      await orm.insert(invitations).values({ ...invitation, tenantId });
    },

    /** Moves a pending invitation on; false if it was not pending (already used or revoked). */
    async closeInvitation(invitationId: string, status: "accepted" | "revoked", acceptedBy?: string): Promise<boolean> {
      const rows = await orm
        .update(invitations)
        .set({ status, acceptedBy: acceptedBy ?? null })
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId), eq(invitations.status, "pending")))
        .returning({ id: invitations.id });
      return rows.length > 0;
    },
  };
}

/** The businesses a person belongs to, with their role in each, oldest first. */
export function membershipsOf(db: Reader, userId: string): Promise<{ member: Member; tenant: Tenant }[]> {
  return ormOf(db)
    .select({ member: members, tenant: tenants })
    .from(members)
    .innerJoin(tenants, eq(tenants.id, members.tenantId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt));
}

/** The invitation whose link token has this hash, whatever its business: the token names it. */
export async function findInvitationByTokenHash(db: Reader, tokenHash: string): Promise<{ invitation: Invitation; tenant: Tenant } | undefined> {
  const [row] = await ormOf(db)
    .select({ invitation: invitations, tenant: tenants })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row;
}

export type User = typeof users.$inferSelect;

export async function findUser(db: Reader, userId: string): Promise<User | undefined> {
  const [row] = await ormOf(db).select().from(users).where(eq(users.id, userId));
  return row;
}

/** Marks the address proven (an invitation link reached it); the accounts library reads the flag. */
export async function markEmailVerified(writer: Writer, userId: string): Promise<void> {
  await ormOf(writer).update(users).set({ emailVerified: true }).where(eq(users.id, userId));
}

/** The person a pending two-factor sign-in is for: the accounts library keeps it as a verification value. */
export async function userOfPendingSignIn(db: Reader, identifier: string): Promise<string | undefined> {
  const [row] = await ormOf(db).select({ userId: verifications.value }).from(verifications).where(eq(verifications.identifier, identifier));
  return row?.userId;
}
