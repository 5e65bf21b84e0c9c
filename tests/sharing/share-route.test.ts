import { describe, expect, it } from "vitest";
import { isGatedPage } from "@/modules/auth/routes";

describe("the share viewer's route", () => {
  it("is public; pages that merely start with /s stay behind sign-in", () => {
    expect(isGatedPage("/s/s_abc")).toBe(false);
    expect(isGatedPage("/s")).toBe(false);
    expect(isGatedPage("/settings")).toBe(true);
    expect(isGatedPage("/projects/abc")).toBe(true);
  });
});
