import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { GENERATE_REQUESTED_EVENT, type JobsPort } from "./port";

/**
 * The Inngest jobs adapter: an event; the generate function of the team's plan in
 * src/inngest/functions.ts runs it, with that plan's per-team concurrency.
 */
export const inngestJobs: JobsPort = {
  name: "inngest",
  async dispatchGenerate(data) {
    const team = await db.team.findUnique({ where: { id: data.teamId }, select: { plan: true } });
    await inngest.send({ name: GENERATE_REQUESTED_EVENT, data: { ...data, plan: team?.plan ?? "FREE" } });
  },
};
