import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { isInstanceAdmin } from "@/modules/admin/server/instance-admins";
import { AdminTeams } from "@/modules/admin/ui/admin-teams";
import { getCurrentAuth } from "@/modules/auth/server/current-auth";
import { PLANS } from "@/modules/credits/server/plans";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Admin" };

/** Instance admins only; for everyone else this page does not exist (404), like the admin procedures. */
export default async function AdminPage() {
  const auth = await getCurrentAuth();
  if (!auth || !(await isInstanceAdmin(db, auth.userId, env.OLLIO_ADMIN_EMAILS))) notFound();
  await getQueryClient().prefetchQuery(trpc.admin.teams.queryOptions({ search: "" }));
  const plans = (Object.keys(PLANS) as (keyof typeof PLANS)[]).map((plan) => ({ value: plan, label: PLANS[plan].label }));
  return (
    <HydrateClient>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Instance admin</h1>
          <p className="text-sm text-muted-foreground">Plans and credits of every team. Plan changes and grants are recorded in the credit ledger with your name.</p>
        </div>
        <AdminTeams plans={plans} />
      </div>
    </HydrateClient>
  );
}
