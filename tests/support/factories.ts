import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";

/** A user with their own team, straight in the database (no password: tests act as them directly). */
export async function createUserWithTeam(db: Db, name = "Test user"): Promise<AuthContext> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${randomBytes(4).toString("hex")}@example.test`;
  const user = await db.user.create({ data: { email, name } });
  const team = await db.team.create({
    data: { name: `${name}'s team`, personal: true, memberships: { create: { userId: user.id, role: "OWNER" } } },
  });
  return { userId: user.id, teamId: team.id, role: "OWNER" };
}

export async function createProject(db: Db, auth: AuthContext, name = "A project") {
  return db.project.create({ data: { name, teamId: auth.teamId, createdById: auth.userId } });
}
