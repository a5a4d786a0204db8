import {
  acceptInvitationInput,
  acceptInvitationOutput,
  acknowledgedOutput,
  businessOutput,
  createBusinessInput,
  invitationIdInput,
  invitationOutput,
  invitationsOutput,
  inviteInput,
  meOutput,
  memberIdInput,
  teamMemberOutput,
  teamMembersOutput,
  updateMemberInput,
} from "@frontdesk/core";
import { acknowledged, businessProcedure, signedInProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";
import { presentBusiness, presentInvitation, presentMe, presentMember, teamActorOf } from "./present";

/** The signed-in person: who they are, the businesses they belong to, a new business, an invitation to accept. */
export const accountsRouter = router({
  me: signedInProcedure
    .output(meOutput)
    .query(async ({ ctx }) => presentMe(ctx.person.user, await ctx.app.team.memberships(ctx.person.user.id))),

  createBusiness: signedInProcedure
    .input(createBusinessInput)
    .output(businessOutput)
    .mutation(async ({ ctx, input }) => presentBusiness(await ctx.app.team.createBusiness(ctx.person.user, input))),

  acceptInvitation: signedInProcedure
    .input(acceptInvitationInput)
    .output(acceptInvitationOutput)
    .mutation(async ({ ctx, input }) => {
      const { tenant, role } = await ctx.app.team.accept(ctx.person.user, input.token);
      return { business: { id: tenant.id, name: tenant.name }, role };
    }),
});

const reader = businessProcedure("team:read");
const writer = businessProcedure("team:write");

/** A business's members and invitations, managed by its owners and admins (or its server). */
export const teamRouter = router({
  members: reader
    .meta(rest("GET", "/team/members", "team", "listMembers", "The business's members and their roles"))
    .output(teamMembersOutput).query(async ({ ctx }) => (await ctx.app.team.members(ctx.tenant)).map(presentMember)),

  invitations: reader
    .meta(rest("GET", "/team/invitations", "team", "listInvitations", "Invitations not yet accepted"))
    .output(invitationsOutput).query(async ({ ctx }) => (await ctx.app.team.invitations(ctx.tenant)).map(presentInvitation)),

  invite: writer
    .meta(rest("POST", "/team/invitations", "team", "inviteMember", "Invite someone by e-mail, with a role"))
    .input(inviteInput)
    .output(invitationOutput)
    .mutation(async ({ ctx, input }) => presentInvitation(await ctx.app.team.invite(ctx.tenant, teamActorOf(ctx.principal), input))),

  revokeInvitation: writer
    .meta(rest("POST", "/team/invitations/{invitationId}/revoke", "team", "revokeInvitation", "Withdraw an invitation"))
    .input(invitationIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.team.revokeInvitation(ctx.tenant, input.invitationId))),

  updateMember: writer
    .meta(rest("PATCH", "/team/members/{memberId}", "team", "updateMember", "Change a member's role or linked staff record"))
    .input(updateMemberInput)
    .output(teamMemberOutput)
    .mutation(async ({ ctx, input: { memberId, ...patch } }) => presentMember(await ctx.app.team.updateMember(ctx.tenant, teamActorOf(ctx.principal), memberId, patch))),

  removeMember: writer
    .meta(rest("DELETE", "/team/members/{memberId}", "team", "removeMember", "Remove a member from the business"))
    .input(memberIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.team.removeMember(ctx.tenant, teamActorOf(ctx.principal), input.memberId))),
});
