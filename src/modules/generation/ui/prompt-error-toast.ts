import { toast } from "@/components/toast";
import { errorCode, errorMessage } from "@/modules/shell/ui/error-message";

const TITLES: Record<string, string> = {
  PAYMENT_REQUIRED: "Out of credits",
  PRECONDITION_FAILED: "Generation is not available",
  TOO_MANY_REQUESTS: "Too many requests",
  CONFLICT: "Already working on it",
};

/** A toast for a prompt the server refused (no model configured, out of credits, a run in progress…). */
export function toastPromptError(error: unknown, fallbackTitle = "Could not send your prompt") {
  const code = errorCode(error);
  toast.error((code && TITLES[code]) ?? fallbackTitle, { description: errorMessage(error) });
}
