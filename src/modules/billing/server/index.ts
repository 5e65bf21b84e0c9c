import { env } from "@/env";
import { createInstanceAdminBilling } from "./instance-admin-billing";
import type { BillingPort } from "./port";

export type { BillingPort, PlanChangeRequest } from "./port";

/** Who to contact about plans: OLLIO_ADMIN_CONTACT, else the first instance admin's email. */
export function adminContact(): string | null {
  return env.OLLIO_ADMIN_CONTACT ?? env.OLLIO_ADMIN_EMAILS[0] ?? null;
}

let billing: BillingPort | null = null;

/** The billing adapter chosen by configuration (today the only one: instance admins). */
export function getBilling(): BillingPort {
  billing ??= createInstanceAdminBilling({ contact: adminContact() });
  return billing;
}
