import { describe, expect, it } from "vitest";
import type { AppCheckResult, PageViewportResult } from "@/modules/sandbox/server/port";
import { problemsFeedback } from "./agent-feedback";
import { describeProblem, MAX_PROBLEMS, verdictFrom } from "./problems";
import { sameFiles } from "./same-files";

const ORIGIN = "http://127.0.0.1:40123";
const viewport = (name: string, overrides: Partial<PageViewportResult> = {}): PageViewportResult => ({
  name,
  width: name === "phone" ? 390 : 1280,
  height: name === "phone" ? 844 : 800,
  loaded: true,
  blank: false,
  problems: [],
  screenshot: { data: "AAAA", width: 10, height: 10, bytes: 3, quality: 60 },
  ...overrides,
});
const checked = (viewports: PageViewportResult[]): AppCheckResult => ({
  kind: "checked",
  durationMs: 900,
  launchMs: 300,
  viewports,
  peak: { threads: 100, rssBytes: 1, privateBytes: 1 },
});

describe("verdictFrom", () => {
  it("merges a problem seen at both sizes, with app-relative files and lines", () => {
    const thrown = { kind: "exception" as const, message: "TypeError: x is null", url: `${ORIGIN}/f/check/js/app.js`, line: 3, column: 7 };
    const verdict = verdictFrom(checked([viewport("desktop", { problems: [thrown] }), viewport("phone", { problems: [thrown] })]));
    expect(verdict.status).toBe("problems");
    expect(verdict.problems).toEqual([{ kind: "exception", message: "TypeError: x is null", file: "js/app.js", line: 3, column: 7, viewports: ["desktop", "phone"] }]);
    expect(describeProblem(verdict.problems[0]!)).toBe("Error — js/app.js, line 3: TypeError: x is null");
  });

  it("names a missing file, and explains an absolute path that only works outside the preview", () => {
    const verdict = verdictFrom(
      checked([
        viewport("desktop", {
          problems: [
            { kind: "missing-file", message: "not found", url: `${ORIGIN}/f/check/css/site.css`, status: 404 },
            { kind: "missing-file", message: "not found", url: `${ORIGIN}/styles.css`, status: 404 },
          ],
        }),
      ]),
    );
    expect(verdict.problems.map((p) => [p.file, p.message])).toEqual([
      ["css/site.css", 'The page loads "css/site.css", but there is no such file.'],
      ["/styles.css", 'The page loads "/styles.css", an absolute path that does not exist in the preview; use a relative path ("styles.css").'],
    ]);
  });

  it("is blank only when every size shows nothing; one blank size is a problem", () => {
    expect(verdictFrom(checked([viewport("desktop", { blank: true }), viewport("phone", { blank: true })])).status).toBe("blank");
    const partly = verdictFrom(checked([viewport("desktop"), viewport("phone", { blank: true })]));
    expect(partly.status).toBe("problems");
    expect(partly.problems).toEqual([{ kind: "blank", message: "The page shows nothing at phone size.", viewports: ["phone"] }]);
    expect(verdictFrom(checked([viewport("desktop"), viewport("phone")])).status).toBe("passed");
  });

  it("caps the list and counts what it left out; an unavailable browser skips the check", () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ kind: "console-error" as const, message: `error ${i}` }));
    const verdict = verdictFrom(checked([viewport("desktop", { problems: many })]));
    expect(verdict.problems).toHaveLength(MAX_PROBLEMS);
    expect(verdict.totalProblems).toBe(25);
    expect(problemsFeedback(verdict, 1, 2)).toContain("…and 15 more.");
    expect(verdictFrom({ kind: "unavailable", reason: "no Chromium" })).toMatchObject({ status: "skipped", note: "no Chromium", problems: [] });
  });
});

describe("sameFiles", () => {
  it("compares names and contents", () => {
    expect(sameFiles({ a: "1", b: "2" }, { b: "2", a: "1" })).toBe(true);
    expect(sameFiles({ a: "1" }, { a: "2" })).toBe(false);
    expect(sameFiles({ a: "1" }, { a: "1", b: "" })).toBe(false);
  });
});
