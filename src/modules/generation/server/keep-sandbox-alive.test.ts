import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { keepSandboxAlive } from "./keep-sandbox-alive";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("extends the sandbox's timeout every third of it until stopped", async () => {
  const extended: number[] = [];
  const sandbox = { id: "sbx", setTimeout: async (ms: number) => void extended.push(ms) };
  const keeper = keepSandboxAlive(sandbox, 15 * 60_000);

  await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
  expect(extended).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  expect(extended).toEqual([15 * 60_000]);
  await vi.advanceTimersByTimeAsync(10 * 60_000);
  expect(extended).toHaveLength(3);

  keeper.stop();
  await vi.advanceTimersByTimeAsync(60 * 60_000);
  expect(extended).toHaveLength(3);
});

it("keeps going when one extension fails", async () => {
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  let calls = 0;
  const sandbox = {
    id: "sbx",
    setTimeout: async () => {
      calls += 1;
      if (calls === 1) throw new Error("E2B hiccup");
    },
  };
  const keeper = keepSandboxAlive(sandbox, 3_000);
  await vi.advanceTimersByTimeAsync(2_000);
  expect(calls).toBe(2);
  expect(errors).toHaveBeenCalledOnce();
  keeper.stop();
});
