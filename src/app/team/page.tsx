import { redirect } from "next/navigation";

/** /team opens the team's usage and plan. */
export default function TeamPage() {
  redirect("/team/usage");
}
