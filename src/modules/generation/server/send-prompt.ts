import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { getJobs } from "@/modules/jobs/server";
import type { JobsPort } from "@/modules/jobs/server/port";
import { PROJECT_NOT_FOUND } from "@/modules/projects/server/project-access";
import { assertTeamMayCreateProject } from "@/modules/projects/server/project-quota";
import { assertCan } from "@/modules/teams/server/permissions";
import { failRun } from "@/modules/runs/server/fail-run";
import { acceptPrompt, type AcceptedPrompt } from "./accept-prompt";
import { assertOfferedModel, getModelConfig, MODEL_NOT_CONFIGURED_MESSAGE, type ModelConfig } from "./model-config";
import { projectNameFromPrompt } from "./project-name";
import { clientKeySchema, promptContentSchema, type PromptElement } from "./prompt-input";

export { clientKeySchema, modelNameSchema, pickedElementSchema, promptContentSchema } from "./prompt-input";
export type { AcceptedPrompt } from "./accept-prompt";

export type SendPromptDeps = {
  /** The configured model, or null when none is. Default: from OPENAI_* env. */
  model?: ModelConfig | null;
  /** Where the generation job goes. Default: the jobs adapter chosen by env. */
  jobs?: Pick<JobsPort, "dispatchGenerate">;
};

/** `model`: one of the instance's models the sender picked; unset: the team's default. */
/** `baseVersionId`: the version on screen when the prompt was sent (unset: the latest); the run builds on it. */
/** `element`: what the user pointed at in the preview; the agent's prompt carries it. */
export type SendPromptInput = {
  auth: AuthContext;
  projectId: string;
  content: string;
  clientKey?: string;
  model?: string;
  baseVersionId?: string;
  element?: PromptElement;
};
export type CreateProjectInput = { auth: AuthContext; content: string; clientKey?: string; model?: string };

/**
 * A follow-up prompt in an existing project. Returns as soon as the run is queued; the caller
 * polls the run for the result.
 */
export async function sendPrompt(db: Db, input: SendPromptInput, deps: SendPromptDeps = {}): Promise<AcceptedPrompt> {
  const { content, clientKey } = validate(input);
  const accepted = await db.$transaction(async (tx) => {
    // Locks the project row (and marks it active for the project list) in one statement: the row
    // lock serialises prompts per project, so the active-run and clientKey checks below cannot
    // interleave with another request's inserts. A refusal further down rolls the touch back.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Project" SET "updatedAt" = ${new Date()}
      WHERE "id" = ${input.projectId} AND "teamId" = ${input.auth.teamId} RETURNING "id"`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
    assertCan(input.auth.role, "projects.prompt");
    // Checked after authorisation (another team's project is NOT_FOUND whatever the config) and
    // before any write: the refusal rolls back an empty transaction.
    requireModel(deps, input.model);
    const baseFragmentId = await baseVersionOf(tx, input.projectId, input.baseVersionId);
    return acceptPrompt(tx, { projectId: input.projectId, ...input.auth, content, clientKey, model: input.model, baseFragmentId, element: input.element });
  });
  return dispatch(db, accepted, input.auth.teamId, deps);
}

/** A new project named after its first prompt, with that prompt queued — all or nothing, within the team's project cap. */
export async function createProjectFromPrompt(db: Db, input: CreateProjectInput, deps: SendPromptDeps = {}): Promise<AcceptedPrompt> {
  const { content, clientKey } = validate(input);
  const { auth } = input;
  assertCan(auth.role, "projects.create");
  requireModel(deps, input.model);
  const accepted = await db.$transaction(async (tx) => {
    if (clientKey) {
      // No unique constraint spans projects, so a lock on (team, key) makes a repeated submit
      // wait for the first and then find its project instead of creating a second one.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${auth.teamId}:${clientKey}`}, 0))`;
      const earlier = await tx.message.findFirst({
        where: { clientKey, role: "USER", project: { teamId: auth.teamId } },
        select: { id: true, projectId: true, run: { select: { id: true } } },
      });
      if (earlier?.run) return { projectId: earlier.projectId, messageId: earlier.id, runId: earlier.run.id, deduplicated: true };
    }
    await assertTeamMayCreateProject(tx, auth.teamId);
    const project = await tx.project.create({
      data: { teamId: auth.teamId, createdById: auth.userId, name: projectNameFromPrompt(content) },
      select: { id: true },
    });
    return acceptPrompt(tx, { projectId: project.id, ...auth, content, clientKey, model: input.model });
  });
  return dispatch(db, accepted, auth.teamId, deps);
}

/** The version a follow-up builds on: the one named (it must be this project's), else the latest. */
async function baseVersionOf(tx: Prisma.TransactionClient, projectId: string, baseVersionId: string | undefined): Promise<string | null> {
  const base = await tx.fragment.findFirst({
    where: baseVersionId === undefined ? { projectId } : { id: baseVersionId, projectId },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  if (baseVersionId !== undefined && !base) throw new AppError("NOT_FOUND", "That version is not in this project.");
  return base?.id ?? null;
}

function validate(input: { content: string; clientKey?: string }) {
  const content = promptContentSchema.safeParse(input.content);
  if (!content.success) throw new AppError("BAD_REQUEST", content.error.issues[0]?.message ?? "Invalid prompt.");
  const clientKey = input.clientKey === undefined ? undefined : clientKeySchema.safeParse(input.clientKey);
  if (clientKey && !clientKey.success) throw new AppError("BAD_REQUEST", "Invalid request key.");
  return { content: content.data, clientKey: clientKey?.data };
}

function requireModel(deps: SendPromptDeps, requested: string | undefined) {
  const model = deps.model === undefined ? getModelConfig() : deps.model;
  if (!model) throw new AppError("PRECONDITION_FAILED", MODEL_NOT_CONFIGURED_MESSAGE);
  if (requested !== undefined) assertOfferedModel(model, requested);
}

/**
 * Enqueues after commit, so a worker never sees a run that is not there yet. If the queue cannot
 * take the job, the run fails right here with the credit back; the caller still gets the ids and
 * the UI shows the failed run with its reason.
 */
async function dispatch(db: Db, accepted: AcceptedPrompt, teamId: string, deps: SendPromptDeps): Promise<AcceptedPrompt> {
  if (accepted.deduplicated) return accepted;
  try {
    const jobs = deps.jobs ?? (await getJobs());
    await jobs.dispatchGenerate({ runId: accepted.runId, teamId });
  } catch (error) {
    console.error(`[generation] could not queue run ${accepted.runId}:`, error);
    await failRun(db, accepted.runId, "Ollio could not queue this generation. Please try again.", { queuedOnly: true });
  }
  return accepted;
}
