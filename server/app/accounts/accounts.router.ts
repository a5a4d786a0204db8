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
  members: reader.output(teamMembersOutput).query(async ({ ctx }) => (await ctx.app.team.members(ctx.tenant)).map(presentMember)),

  invitations: reader.output(invitationsOutput).query(async ({ ctx }) => (await ctx.app.team.invitations(ctx.tenant)).map(presentInvitation)),

  invite: writer
    .input(inviteInput)
    .output(invitationOutput)
    .mutation(async ({ ctx, input }) => presentInvitation(await ctx.app.team.invite(ctx.tenant, teamActorOf(ctx.principal), input))),

  revokeInvitation: writer
    .input(invitationIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.team.revokeInvitation(ctx.tenant, input.invitationId))),

  updateMember: writer
    .input(updateMemberInput)
    .output(teamMemberOutput)
    .mutation(async ({ ctx, input: { memberId, ...patch } }) => presentMember(await ctx.app.team.updateMember(ctx.tenant, teamActorOf(ctx.principal), memberId, patch))),

  removeMember: writer
    .input(memberIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.team.removeMember(ctx.tenant, teamActorOf(ctx.principal), input.memberId))),
});
