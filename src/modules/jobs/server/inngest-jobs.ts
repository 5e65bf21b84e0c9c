import { inngest } from "@/inngest/client";
import { GENERATE_REQUESTED_EVENT, type JobsPort } from "./port";

/** The Inngest jobs adapter: an event; the generate function in src/inngest/functions.ts runs it. */
export const inngestJobs: JobsPort = {
  name: "inngest",
  async dispatchGenerate(data) {
    await inngest.send({ name: GENERATE_REQUESTED_EVENT, data });
  },
};
