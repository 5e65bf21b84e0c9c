import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Instance admins are configuration, not data: the users whose email is in OLLIO_ADMIN_EMAILS.
 * They manage every team's plan and credits. Everyone else is told the page does not exist
 * (NOT_FOUND), so the admin area does not advertise itself.
 */
export async function isInstanceAdmin(db: Db, userId: string, adminEmails: readonly string[]): Promise<boolean> {
  if (adminEmails.length === 0) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  return !!user && adminEmails.includes(user.email.toLowerCase());
}

export const ADMIN_NOT_FOUND = "This page does not exist.";

export async function assertInstanceAdmin(db: Db, userId: string, adminEmails: readonly string[]): Promise<void> {
  if (!(await isInstanceAdmin(db, userId, adminEmails))) throw new AppError("NOT_FOUND", ADMIN_NOT_FOUND);
}
