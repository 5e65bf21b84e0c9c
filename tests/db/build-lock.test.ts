import { expect, it } from "vitest";
import { withBuildLock } from "../../scripts/build-lock";

const url = process.env.DATABASE_URL!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("serialises builds of one checkout across instances, and lets other checkouts build at once", async () => {
  const events: string[] = [];
  const build = (name: string, root: string) =>
    withBuildLock(url, root, async () => {
      events.push(`${name} start`);
      await sleep(300);
      events.push(`${name} end`);
      return name;
    });
  // Two instances of /srv/ollio starting together, and one of another checkout.
  const results = await Promise.all([build("first", "/srv/ollio"), sleep(50).then(() => build("second", "/srv/ollio")), build("other", "/srv/other")]);
  expect(results).toEqual(["first", "second", "other"]);
  const at = (event: string) => events.indexOf(event);
  expect(at("second start")).toBeGreaterThan(at("first end"));
  expect(at("other start")).toBeLessThan(at("first end"));
});

it("releases the lock when the build throws", async () => {
  await expect(withBuildLock(url, "/srv/failing", () => Promise.reject(new Error("build failed")))).rejects.toThrow("build failed");
  expect(await withBuildLock(url, "/srv/failing", () => "built")).toBe("built");
});
