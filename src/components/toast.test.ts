import { toast as sonnerToast } from "sonner";
import { describe, expect, it } from "vitest";
import { toast, toasterState } from "./toast";

describe("toast (sonner, loaded on first use)", () => {
  it("asks for the toaster and hands the toast to sonner, which keeps it until a toaster subscribes", async () => {
    expect(toasterState.wanted()).toBe(false);
    let notified = 0;
    const unsubscribe = toasterState.subscribe(() => notified++);

    toast.error("Could not switch teams", { description: "The team is gone." });
    toast.success("Team renamed");

    expect(toasterState.wanted()).toBe(true);
    expect(notified).toBe(1);
    await expect.poll(() => sonnerToast.getToasts().map((t) => ("title" in t ? [t.type, t.title, t.description] : null))).toEqual([
      ["error", "Could not switch teams", "The team is gone."],
      ["success", "Team renamed", undefined],
    ]);
    unsubscribe();
  });
});
