import type { MembershipRole, Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * The last-owner rule: a team always keeps at least one owner. Call inside a transaction that
 * holds the team lock (see team-lock.ts) before a change that takes `target` out of the owners
 * (demotion, removal, leaving).
 */
export async function assertKeepsAnOwner(
  tx: Prisma.TransactionClient,
  teamId: string,
  target: { role: MembershipRole; isSelf: boolean },
): Promise<void> {
  if (target.role !== "OWNER") return;
  const owners = await tx.membership.count({ where: { teamId, role: "OWNER" } });
  if (owners > 1) return;
  throw new AppError(
    "CONFLICT",
    target.isSelf
      ? "You are this team's only owner. Make someone else an owner first."
      : "This is the team's only owner. Make someone else an owner first.",
  );
}
