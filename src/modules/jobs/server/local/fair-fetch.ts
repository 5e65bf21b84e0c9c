import pg from "pg";
import { PLANS } from "@/modules/credits/server/plans";
import { DEFAULT_STALE_RUNNING_MS } from "@/modules/runs/server/run-policy";
import { GENERATE_QUEUE } from "./queue";

export type FetchedJob = { id: string; data: unknown };

/** Runs per team the workers run at once, by plan: PLANS[plan].concurrentRuns. */
const TEAM_LIMITS = JSON.stringify(Object.fromEntries(Object.entries(PLANS).map(([plan, limits]) => [plan, limits.concurrentRuns])));
const UNKNOWN_TEAM_LIMIT = PLANS.FREE.concurrentRuns;

/**
 * pg-boss's own fetch takes the oldest job whatever its team, so one team's backlog could hold
 * every worker. This takes the oldest job of a team that is below its plan's `concurrentRuns`,
 * counting the team's active jobs in every process. A job counts while its run is RUNNING with a
 * fresh heartbeat, or QUEUED with the job just taken (about to be claimed); so a dead worker's job
 * stops counting once its run's heartbeat is stale, even after the sweeper re-queues that run.
 * A transaction-scoped advisory lock makes the count-then-take atomic across processes; each
 * statement of the batch sees the commits before it (READ COMMITTED).
 *
 * It writes pg-boss's `job` table the way pg-boss 10's fetch does (state → active, started_on,
 * retry_count), so completion, retries and expiry stay pg-boss's. Pinned to pg-boss 10.x.
 */
const FETCH_SQL = (staleMs: number) => `
BEGIN;
SELECT pg_advisory_xact_lock(hashtextextended('ollio-generate-fetch', 0));
WITH next AS (
  SELECT j.id
  FROM pgboss.job j
  WHERE j.name = ${literal(GENERATE_QUEUE)}
    AND j.state < 'active'
    AND j.start_after < now()
    AND (
      SELECT count(*)
      FROM pgboss.job a
      JOIN "Run" r ON r."id" = a.data->>'runId'
      WHERE a.name = j.name
        AND a.state = 'active'
        AND a.data->>'teamId' = j.data->>'teamId'
        AND (
          (r."status" = 'QUEUED' AND a.started_on > now() - ${Math.round(staleMs)} * interval '1 millisecond')
          OR (r."status" = 'RUNNING' AND r."heartbeatAt" > now() - ${Math.round(staleMs)} * interval '1 millisecond')
        )
    ) < COALESCE(
      (SELECT (${literal(TEAM_LIMITS)}::jsonb ->> t."plan"::text)::int FROM "Team" t WHERE t."id" = j.data->>'teamId'),
      ${UNKNOWN_TEAM_LIMIT}
    )
  ORDER BY j.priority DESC, j.created_on, j.id
  LIMIT 1
  FOR UPDATE OF j SKIP LOCKED
)
UPDATE pgboss.job j SET
  state = 'active',
  started_on = now(),
  retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END
FROM next
WHERE j.name = ${literal(GENERATE_QUEUE)} AND j.id = next.id
RETURNING j.id, j.data;
COMMIT;`;

/**
 * Takes the next generation job this process may run, or null. One round trip: the batch has no
 * bind parameters (a multi-statement query cannot), so every value in it is a constant of ours.
 * On its own pool: a batch that fails leaves its connection inside a transaction until ROLLBACK.
 */
export async function fetchNextGenerateJob(pool: pg.Pool, { staleAfterMs = DEFAULT_STALE_RUNNING_MS } = {}): Promise<FetchedJob | null> {
  const client = await pool.connect();
  try {
    const results = (await client.query(FETCH_SQL(staleAfterMs))) as unknown as pg.QueryResult<FetchedJob>[];
    return results[2]?.rows[0] ?? null;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function literal(value: string): string {
  return pg.escapeLiteral(value);
}
