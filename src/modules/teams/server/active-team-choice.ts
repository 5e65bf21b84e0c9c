import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/generated/prisma/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";

type Client = Db | Prisma.TransactionClient;

/**
 * Stores which team this caller acts for from the next request on: on their Session row (local
 * accounts: per browser session), else on their User row (Clerk). Only ever called after the
 * membership was checked; `activeMembershipFor` checks it again on every request anyway.
 */
export async function storeActiveTeam(db: Client, auth: Pick<AuthContext, "userId" | "sessionId">, teamId: string | null) {
  if (auth.sessionId) {
    await db.session.updateMany({ where: { id: auth.sessionId, userId: auth.userId }, data: { activeTeamId: teamId } });
  } else {
    await db.user.update({ where: { id: auth.userId }, data: { activeTeamId: teamId } });
  }
}
