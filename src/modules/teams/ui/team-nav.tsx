import { env } from "@/env";
import { db } from "@/lib/db/client";
import { isInstanceAdmin } from "@/modules/admin/server/instance-admins";
import { getCurrentAuth } from "@/modules/auth/server/current-auth";
import { NavLink } from "@/modules/shell/ui/nav-link";

/** Sub-navigation of the team pages (and, for instance admins, the admin page: the header hides it on phones). */
export async function TeamNav() {
  const auth = await getCurrentAuth();
  const isAdmin = auth ? await isInstanceAdmin(db, auth.userId, env.OLLIO_ADMIN_EMAILS) : false;
  return (
    <nav aria-label="Team" className="flex flex-wrap gap-1">
      <NavLink href="/team" exact>
        Members
      </NavLink>
      <NavLink href="/team/usage">Usage &amp; plan</NavLink>
      <NavLink href="/team/models">Models</NavLink>
      {isAdmin && <NavLink href="/admin">Instance admin</NavLink>}
    </nav>
  );
}
