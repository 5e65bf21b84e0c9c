import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { TeamOutOfCreditsError } from "@/modules/credits/server/reserve";
import type { BillingPort } from "./port";

/**
 * Adds to an out-of-credits refusal how *this* caller gets more (an owner: ask the Ollio admin;
 * others: ask the owner). The credits module says when credits renew; billing says the rest.
 */
export async function explainOutOfCredits<T>(billing: BillingPort, auth: AuthContext, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    // Only the team's balance: a member's own cap is raised by the team's admins, as its message says.
    if (error instanceof TeamOutOfCreditsError) {
      throw new AppError("PAYMENT_REQUIRED", `${error.message} ${billing.howToGetMore(auth.role)}`);
    }
    throw error;
  }
}
