import type { RunStatus } from "@/generated/prisma/client";

/** Runs in these states hold their project: one generation at a time per project. */
export const ACTIVE_RUN_STATUSES: RunStatus[] = ["QUEUED", "RUNNING"];

/** How many times a run may be claimed by a worker before it is given up as FAILED. */
export const MAX_RUN_ATTEMPTS = 3;

/** A RUNNING run whose heartbeat is older than this is presumed dead (its worker crashed or hung). */
export const DEFAULT_STALE_RUNNING_MS = 60_000;

/** Progress is a rolling window: the UI shows what is happening now, not a full log. */
export const PROGRESS_LIMIT = 50;
export const PROGRESS_DETAIL_MAX = 200;

/**
 * Tool calls the agent may make in one model reply. The system prompt asks for few large calls
 * (one createOrUpdateFiles with every file); a reply with dozens is a runaway model or an attempt
 * to stretch one turn. The excess calls are answered with an error the model can act on.
 */
export const MAX_TOOL_CALLS_PER_TURN = 8;
