import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import type { BillingPort } from "./port";

/**
 * Adds to an out-of-credits refusal how *this* caller gets more (an owner: ask the Ollio admin;
 * others: ask the owner). The credits module says when credits renew; billing says the rest.
 */
export async function explainOutOfCredits<T>(billing: BillingPort, auth: AuthContext, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "PAYMENT_REQUIRED") {
      throw new AppError("PAYMENT_REQUIRED", `${error.message} ${billing.howToGetMore(auth.role)}`);
    }
    throw error;
  }
}
