import { z } from "zod";
import { rowIdSchema as id } from "@/lib/row-id";
import { defaultInvitationDeps } from "@/modules/teams/server/invitation-deps";
import { creditCapSchema, invitationTokenSchema, inviteEmailSchema, roleSchema, teamNameSchema } from "@/modules/teams/server/inputs";
import { acceptInvitation, createInvitation, listInvitations, resendInvitation, revokeInvitation } from "@/modules/teams/server/invitations";
import { changeRole, leaveTeam, listMembers, removeMember, setMemberCap, transferOwnership } from "@/modules/teams/server/members";
import { createTeam, deleteTeam, getCurrentTeam, listMyTeams, renameTeam, switchTeam } from "@/modules/teams/server/teams";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Teams, members and invitations. Everything but list/create/switch/accept acts on the active team. */
export const teamsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listMyTeams(ctx.db, ctx.auth)),
  current: protectedProcedure.query(({ ctx }) => getCurrentTeam(ctx.db, ctx.auth)),
  create: protectedProcedure.input(z.object({ name: teamNameSchema })).mutation(({ ctx, input }) => createTeam(ctx.db, ctx.auth, input.name)),
  rename: protectedProcedure.input(z.object({ name: teamNameSchema })).mutation(({ ctx, input }) => renameTeam(ctx.db, ctx.auth, input.name)),
  delete: protectedProcedure.mutation(({ ctx }) => deleteTeam(ctx.db, ctx.auth)),
  switch: protectedProcedure.input(z.object({ teamId: id })).mutation(({ ctx, input }) => switchTeam(ctx.db, ctx.auth, input.teamId)),
  leave: protectedProcedure.mutation(({ ctx }) => leaveTeam(ctx.db, ctx.auth)),

  members: createTRPCRouter({
    list: protectedProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.auth)),
    changeRole: protectedProcedure
      .input(z.object({ userId: id, role: roleSchema }))
      .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.auth, input.userId, input.role)),
    transferOwnership: protectedProcedure
      .input(z.object({ userId: id }))
      .mutation(({ ctx, input }) => transferOwnership(ctx.db, ctx.auth, input.userId)),
    remove: protectedProcedure.input(z.object({ userId: id })).mutation(({ ctx, input }) => removeMember(ctx.db, ctx.auth, input.userId)),
    setCap: protectedProcedure
      .input(z.object({ userId: id, monthlyCreditCap: creditCapSchema }))
      .mutation(({ ctx, input }) => setMemberCap(ctx.db, ctx.auth, input.userId, input.monthlyCreditCap)),
  }),

  invitations: createTRPCRouter({
    list: protectedProcedure.query(({ ctx }) => listInvitations(ctx.db, ctx.auth)),
    create: protectedProcedure
      .input(z.object({ email: inviteEmailSchema, role: roleSchema }))
      .mutation(({ ctx, input }) => createInvitation(ctx.db, ctx.auth, input, defaultInvitationDeps())),
    resend: protectedProcedure
      .input(z.object({ invitationId: id }))
      .mutation(({ ctx, input }) => resendInvitation(ctx.db, ctx.auth, input.invitationId, defaultInvitationDeps())),
    revoke: protectedProcedure
      .input(z.object({ invitationId: id }))
      .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.auth, input.invitationId)),
    accept: protectedProcedure
      .input(z.object({ token: invitationTokenSchema }))
      .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.auth, input.token)),
  }),
});
