import type { Db } from "@/lib/db/client";
import type { ClaimedRun } from "@/modules/runs/server/claim";
import type { PromptElement } from "./prompt-input";
import type { ProjectFiles } from "./sandbox-files";

const HISTORY_MESSAGES = 6;
const HISTORY_MESSAGE_CHARS = 600;

export type RunContext = { request: string; previousFiles: ProjectFiles | null; agentPrompt: string };

/**
 * What the agent needs besides the request: the version the prompt was sent from (the run's
 * base: its files go into the sandbox, their names into the prompt) and the last few turns up to
 * that version, so "make the header blue" knows which header — even when the base is older than
 * the latest version. Runs queued before bases were recorded fall back to the latest version
 * before the prompt.
 */
export async function loadRunContext(db: Db, run: ClaimedRun): Promise<RunContext> {
  const prompt = await db.message.findUniqueOrThrow({
    where: { id: run.userMessageId },
    select: { content: true, createdAt: true, run: { select: { element: true, baseFragment: { select: { number: true, files: true, message: { select: { createdAt: true } } } } } } },
  });
  const recorded = prompt.run?.baseFragment ?? null;
  const base =
    recorded ??
    (await db.fragment.findFirst({
      where: { projectId: run.projectId, createdAt: { lt: prompt.createdAt } },
      orderBy: { createdAt: "desc" },
      select: { number: true, files: true, message: { select: { createdAt: true } } },
    }));
  // The conversation as it stood when the base version was made, not what came after it.
  const historyUntil = recorded ? { lte: recorded.message.createdAt } : { lt: prompt.createdAt };
  const earlier = await db.message.findMany({
    where: { projectId: run.projectId, createdAt: historyUntil },
    orderBy: { createdAt: "desc" },
    take: HISTORY_MESSAGES,
    select: { role: true, kind: true, content: true },
  });
  const previousFiles = base ? (base.files as ProjectFiles) : null;
  return {
    request: prompt.content,
    previousFiles,
    agentPrompt: buildAgentPrompt(prompt.content, previousFiles, earlier.reverse(), {
      baseNumber: base?.number,
      element: (prompt.run?.element as PromptElement | null) ?? null,
    }),
  };
}

type Turn = { role: "USER" | "ASSISTANT"; kind: "RESULT" | "ERROR"; content: string };

export function buildAgentPrompt(
  request: string,
  previousFiles: ProjectFiles | null,
  history: Turn[],
  { baseNumber, element }: { baseNumber?: number; element?: PromptElement | null } = {},
): string {
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
      `The app directory already contains ${baseNumber ? `version ${baseNumber}` : "the current version"} of this project, the one the user is building on:\n${listing}\nRead the files you need with readFiles before changing them, and keep everything the request does not ask to change.`,
    );
  }
  if (element) {
    parts.push(
      `The user pointed at this element in the preview; the request is about it.\nCSS selector: ${element.selector}\nIts HTML (possibly cut short):\n${element.html}`,
    );
  }
  parts.push(`Request:\n${request}`);
  return parts.join("\n\n");
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > HISTORY_MESSAGE_CHARS ? `${flat.slice(0, HISTORY_MESSAGE_CHARS)}…` : flat;
}
