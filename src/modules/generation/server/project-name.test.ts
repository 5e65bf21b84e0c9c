import { describe, expect, it } from "vitest";
import { projectNameFromPrompt } from "./project-name";

describe("projectNameFromPrompt", () => {
  it("takes the first words, capitalised, without trailing punctuation", () => {
    expect(projectNameFromPrompt("build me a landing page, for my bakery please")).toBe("Build me a landing page, for");
    expect(projectNameFromPrompt("  A   todo\napp!  ")).toBe("A todo app");
  });

  it("stays within 60 characters", () => {
    const name = projectNameFromPrompt("Supercalifragilisticexpialidocious extraordinarily comprehensive internationalization dashboard");
    expect(name.length).toBeLessThanOrEqual(60);
    expect(name).toBe("Supercalifragilisticexpialidocious extraordinarily");
    expect(projectNameFromPrompt("x".repeat(100))).toHaveLength(60);
  });

  it("falls back when there are no words", () => {
    expect(projectNameFromPrompt("   ")).toBe("Untitled project");
    expect(projectNameFromPrompt("!!!")).toBe("Untitled project");
  });
});
