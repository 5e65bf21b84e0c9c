import type { Db } from "@/lib/db/client";
import type { ClaimedRun } from "@/modules/runs/server/claim";
import type { ProjectFiles } from "./sandbox-files";

const HISTORY_MESSAGES = 6;
const HISTORY_MESSAGE_CHARS = 600;

export type RunContext = { request: string; previousFiles: ProjectFiles | null; agentPrompt: string };

/**
 * What the agent needs besides the request: the project's latest version (its files go into the
 * sandbox; their names go into the prompt) and the last few turns, so "make the header blue"
 * knows which header.
 */
export async function loadRunContext(db: Db, run: ClaimedRun): Promise<RunContext> {
  const prompt = await db.message.findUniqueOrThrow({
    where: { id: run.userMessageId },
    select: { content: true, createdAt: true },
  });
  const [latest, earlier] = await Promise.all([
    db.fragment.findFirst({
      where: { projectId: run.projectId, createdAt: { lt: prompt.createdAt } },
      orderBy: { createdAt: "desc" },
      select: { files: true },
    }),
    db.message.findMany({
      where: { projectId: run.projectId, createdAt: { lt: prompt.createdAt } },
      orderBy: { createdAt: "desc" },
      take: HISTORY_MESSAGES,
      select: { role: true, kind: true, content: true },
    }),
  ]);
  const previousFiles = latest ? (latest.files as ProjectFiles) : null;
  return {
    request: prompt.content,
    previousFiles,
    agentPrompt: buildAgentPrompt(prompt.content, previousFiles, earlier.reverse()),
  };
}

type Turn = { role: "USER" | "ASSISTANT"; kind: "RESULT" | "ERROR"; content: string };

export function buildAgentPrompt(request: string, previousFiles: ProjectFiles | null, history: Turn[]): string {
  const parts: string[] = [];
  const turns = history.filter((t) => t.kind === "RESULT");
  if (turns.length > 0) {
    const lines = turns.map((t) => `${t.role === "USER" ? "User" : "You"}: ${clip(t.content)}`);
    parts.push(`Earlier in this project:\n${lines.join("\n")}`);
  }
  const paths = previousFiles ? Object.keys(previousFiles) : [];
  if (paths.length > 0) {
    const listing = paths.map((p) => `- ${p} (${Buffer.byteLength(previousFiles![p]!)} bytes)`).join("\n");
    parts.push(
      `The app directory already contains the current version of this project:\n${listing}\nRead the files you need with readFiles before changing them, and keep everything the request does not ask to change.`,
    );
  }
  parts.push(`Request:\n${request}`);
  return parts.join("\n\n");
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > HISTORY_MESSAGE_CHARS ? `${flat.slice(0, HISTORY_MESSAGE_CHARS)}…` : flat;
}
