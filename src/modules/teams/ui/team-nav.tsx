import { NavLink } from "@/modules/shell/ui/nav-link";

/** Sub-navigation of the team pages. */
export function TeamNav() {
  return (
    <nav aria-label="Team" className="flex flex-wrap gap-1">
      <NavLink href="/team/usage">Usage &amp; plan</NavLink>
      <NavLink href="/team/models">Models</NavLink>
    </nav>
  );
}
