import type { BillingPort } from "./port";

/**
 * The default adapter, with no payment provider: instance admins (OLLIO_ADMIN_EMAILS) change
 * plans and grant credits from /admin; team owners are told to ask them.
 */
export function createInstanceAdminBilling({ contact }: { contact: string | null }): BillingPort {
  const askAdmin = contact ? `ask your Ollio admin (${contact})` : "ask your Ollio admin";
  return {
    kind: "instance-admins",
    howToGetMore(role) {
      return role === "OWNER"
        ? `To get more credits or another plan, ${askAdmin}.`
        : `To get more credits, ask your team's owner; plans are managed by your Ollio admin${contact ? ` (${contact})` : ""}.`;
    },
    async requestPlanChange() {
      return {
        kind: "ask-admin",
        contact,
        message: `Plans on this Ollio are managed by its admin: ${askAdmin} to change your team's plan.`,
      };
    },
  };
}
