import { createCallerFactory, createTRPCRouter } from "../init";
import { messagesRouter } from "./messages";
import { projectsRouter } from "./projects";
import { runsRouter } from "./runs";
import { teamsRouter } from "./teams";
import { usageRouter } from "./usage";

export const appRouter = createTRPCRouter({
  projects: projectsRouter,
  messages: messagesRouter,
  runs: runsRouter,
  usage: usageRouter,
  teams: teamsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
