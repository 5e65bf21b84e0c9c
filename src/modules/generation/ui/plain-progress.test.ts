import { describe, expect, it } from "vitest";
import { plainProgress, type ProgressStep } from "./plain-progress";

const step = (kind: string, detail: string): ProgressStep => ({ at: "2026-12-01T00:00:00.000Z", kind, detail });

describe("plainProgress", () => {
  it("groups file writes into one line naming the files, once each", () => {
    expect(
      plainProgress([
        step("note", "Started"),
        step("note", "Sandbox ready"),
        step("file", "index.html"),
        step("file", "styles.css"),
        step("file", "index.html"),
        step("command", "npx prettier --check ."),
        step("command", "ls -la"),
        step("note", "Saving the result"),
      ]),
    ).toEqual(["Getting started", "Workspace ready", "Writing the page: index.html, styles.css", "Trying out the page", "Saving the result"]);
  });

  it("says a retry in plain words, without the internal error", () => {
    expect(
      plainProgress([
        step("note", "Started"),
        step("note", "Attempt 1 failed: The AI service reported an error. Try again in a moment. Retrying…"),
        step("note", "Attempt 2 started"),
        step("note", "Sandbox ready with the current version"),
        step("note", "Read index.html"),
        step("note", "Read app.js"),
        step("file", "app.js"),
      ]),
    ).toEqual([
      "Getting started",
      "That try did not work out — trying again",
      "Starting again",
      "Opened the current version",
      "Reading the current version: index.html, app.js",
      "Writing the page: app.js",
    ]);
  });

  it("keeps notes it does not know as they are (the worker writes them in plain English)", () => {
    expect(plainProgress([step("note", "Checking the result")])).toEqual(["Checking the result"]);
  });
});
