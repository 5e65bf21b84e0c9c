import type { Prisma } from "@/generated/prisma/client";
import { db, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

type Client = Db | Prisma.TransactionClient;

/**
 * Makes sure the user owns a personal team (personal=true, plan FREE, Membership OWNER) and
 * returns its id. Idempotent and safe under concurrency: see `ensurePersonalTeamInTransaction`.
 */
export async function ensurePersonalTeam(userId: string, displayName: string): Promise<string> {
  const existing = await findPersonalTeamId(db, userId);
  if (existing) return existing;
  return db.$transaction((tx) => ensurePersonalTeamInTransaction(tx, userId, displayName));
}

/**
 * The same, inside a caller's transaction (sign-up creates the user and the team atomically).
 * The schema has no unique "one personal team per user" key, so concurrent first requests are
 * serialised on the user's row lock instead; whoever comes second finds the team already there.
 */
export async function ensurePersonalTeamInTransaction(
  tx: Prisma.TransactionClient,
  userId: string,
  displayName: string,
): Promise<string> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", "This account no longer exists.");

  const existing = await findPersonalTeamId(tx, userId);
  if (existing) return existing;

  const team = await tx.team.create({
    data: {
      name: personalTeamName(displayName),
      personal: true,
      plan: "FREE",
      memberships: { create: { userId, role: "OWNER" } },
    },
    select: { id: true },
  });
  return team.id;
}

export function personalTeamName(displayName: string): string {
  return `${displayName.trim() || "My"}'s team`;
}

async function findPersonalTeamId(client: Client, userId: string): Promise<string | null> {
  const membership = await client.membership.findFirst({
    where: { userId, role: "OWNER", team: { personal: true } },
    orderBy: { createdAt: "asc" },
    select: { teamId: true },
  });
  return membership?.teamId ?? null;
}
