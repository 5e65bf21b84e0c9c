import { describe, expect, it } from "vitest";
import { automaticProjectName, fragmentTitle, pageTitle } from "./fragment-title";
import { projectNameFromPrompt } from "./project-name";

describe("fragmentTitle", () => {
  it("is the summary's first sentence without the agent's first person", () => {
    expect(fragmentTitle("I built a bakery landing page with a big heading. It has a counter.", "x")).toBe(
      "A bakery landing page with a big heading",
    );
    expect(fragmentTitle("The heading now says the bakery opens on Sundays.", "x")).toBe("The heading now says the bakery opens on Sundays");
    expect(fragmentTitle("I've added a contact form.", "x")).toBe("A contact form");
  });

  it("cuts a long sentence back to a whole clause, never mid-phrase", () => {
    const summary =
      "I built a habit tracker with a weekly grid, streak counters for each habit and a settings panel for reminders.";
    expect(fragmentTitle(summary, "x")).toBe("A habit tracker with a weekly grid");
    expect(fragmentTitle("I built a landing page for a small family bakery in the old town, with opening hours.", "x")).toBe(
      "A landing page for a small family bakery in the old town",
    );
  });

  it("does not cut inside a quotation", () => {
    const summary = "I built a page for “A bakery landing page with opening hours and a list of breads”, with a heading.";
    expect(fragmentTitle(summary, "a bakery landing page with opening hours")).toBe(projectNameFromPrompt("a bakery landing page with opening hours"));
  });

  it("falls back to the prompt's opening words when the summary has no usable sentence", () => {
    expect(fragmentTitle("", "a pricing page for my app")).toBe("A pricing page for my app");
    expect(fragmentTitle("x".repeat(200), "a pricing page")).toBe("A pricing page");
  });
});

describe("pageTitle and automaticProjectName", () => {
  const page = (title: string) => ({ "index.html": `<!doctype html><html><head><title>${title}</title></head><body></body></html>` });

  it("reads index.html's <title>, decoding entities", () => {
    expect(pageTitle(page("Crumb &amp; Co — fresh bread daily"))).toBe("Crumb & Co — fresh bread daily");
  });

  it("ignores placeholders, empty and overlong titles", () => {
    expect(pageTitle(page("Document"))).toBeNull();
    expect(pageTitle(page("  "))).toBeNull();
    expect(pageTitle(page("x".repeat(80)))).toBeNull();
    expect(pageTitle({ "app.js": "" })).toBeNull();
  });

  it("names the project after the page, else after its first version only", () => {
    expect(automaticProjectName(page("Crumb &amp; Co"), "A bakery page", false)).toBe("Crumb & Co");
    expect(automaticProjectName(page("Document"), "A bakery page", true)).toBe("A bakery page");
    expect(automaticProjectName(page("Document"), "A red header", false)).toBeNull();
  });
});
