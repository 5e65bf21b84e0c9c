import type { Plan, Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { PLANS } from "@/modules/credits/server/plans";

/** Pending: neither accepted nor revoked, and not yet expired. Only these hold a seat. */
export const pendingInvitationWhere = (now = new Date()) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

/**
 * Refuses when members plus pending invitations already fill the plan's seats. Call with the
 * team lock held, so two invitations cannot both take the last seat.
 */
export async function assertSeatFree(tx: Prisma.TransactionClient, team: { id: string; name: string; plan: Plan }) {
  const [members, pending] = await Promise.all([
    tx.membership.count({ where: { teamId: team.id } }),
    tx.invitation.count({ where: { teamId: team.id, ...pendingInvitationWhere() } }),
  ]);
  const { seats, label } = PLANS[team.plan];
  if (members + pending < seats) return;
  const taken = `${members} ${members === 1 ? "member" : "members"}${pending ? ` and ${pending} pending ${pending === 1 ? "invitation" : "invitations"}` : ""}`;
  throw new AppError(
    "CONFLICT",
    `${team.name} is full: the ${label} plan has ${seats} seats (${taken}). Remove someone, revoke an invitation or change the plan.`,
  );
}
