import { createCallerFactory, createTRPCRouter } from "../init";
import { adminRouter } from "./admin";
import { messagesRouter } from "./messages";
import { modelsRouter } from "./models";
import { projectsRouter } from "./projects";
import { runsRouter } from "./runs";
import { sharingRouter } from "./sharing";
import { teamsRouter } from "./teams";
import { teamUsageRouter } from "./team-usage";
import { usageRouter } from "./usage";
import { versionsRouter } from "./versions";

export const appRouter = createTRPCRouter({
  projects: projectsRouter,
  messages: messagesRouter,
  runs: runsRouter,
  usage: usageRouter,
  teams: teamsRouter,
  teamUsage: teamUsageRouter,
  models: modelsRouter,
  admin: adminRouter,
  versions: versionsRouter,
  sharing: sharingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
