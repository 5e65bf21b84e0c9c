import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

export type PollResult = inferRouterOutputs<AppRouter>["runs"]["poll"];
type PolledRun = NonNullable<PollResult["run"]>;

/**
 * Sent with every poll by a build without Clerk: the proxy's matcher (src/proxy.ts, where it is
 * written out, as Next needs the matcher literal) then skips the poll, since for local accounts
 * the proxy would only pass it through. A build with Clerk leaves it off, so clerkMiddleware runs.
 */
export const POLL_WITHOUT_PROXY_HEADER = { name: "x-ollio-auth", value: "local" } as const;

/** The run's timestamps, which plain JSON carries as ISO strings. */
const RUN_DATES = ["queuedAt", "startedAt", "heartbeatAt", "finishedAt"] as const satisfies (keyof PolledRun)[];

/** A refused or failed poll; `data.httpStatus` is what the query client's retry rule reads. */
export class PollError extends Error {
  readonly data: { httpStatus: number };
  constructor(message: string, httpStatus: number) {
    super(message);
    this.name = "PollError";
    this.data = { httpStatus };
  }
}

/**
 * runs.poll through GET /api/poll/<projectId> (src/app/api/poll/[projectId]/route.ts): the same
 * answer as the tRPC procedure, for about half its server CPU per poll.
 */
export async function fetchPoll(projectId: string, { signal }: { signal?: AbortSignal } = {}): Promise<PollResult> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (!process.env.OLLIO_BUILD_WITH_CLERK) headers[POLL_WITHOUT_PROXY_HEADER.name] = POLL_WITHOUT_PROXY_HEADER.value;
  const response = await fetch(`/api/poll/${encodeURIComponent(projectId)}`, { headers, signal, cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { message?: unknown } | null)?.message;
    throw new PollError(typeof message === "string" ? message : `Could not check on the generation (HTTP ${response.status}).`, response.status);
  }
  return revivePoll(body as PollJson);
}

type PollJson = Omit<PollResult, "run"> & { run: (Omit<PolledRun, (typeof RUN_DATES)[number]> & Record<(typeof RUN_DATES)[number], string | null>) | null };

/** The poll's JSON with its dates as Dates again, exactly what the tRPC procedure answers. */
export function revivePoll(json: PollJson): PollResult {
  if (!json.run) return { ...json, run: null };
  const run = { ...json.run } as Record<string, unknown>;
  for (const key of RUN_DATES) run[key] = json.run[key] === null ? null : new Date(json.run[key]);
  return { ...json, run: run as PolledRun };
}
