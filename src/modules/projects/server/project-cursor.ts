import { z } from "zod";
import { PROJECTS_PAGE_SIZE } from "../list-sizes";

/**
 * Where a page of the project list ends: the (updatedAt, id) of its last project, the list's
 * order. It carries values, not a lookup: the next page is "everything after this point" in the
 * caller's own team, so a cursor made from another team's project reveals nothing and only
 * positions the caller's list. Opaque to clients: `<epoch ms>.<id>`.
 */
export type ProjectCursor = { updatedAt: Date; id: string };

export const encodeProjectCursor = ({ updatedAt, id }: ProjectCursor) => `${updatedAt.getTime()}.${id}`;

export const projectCursorSchema = z
  .string()
  .max(120)
  .transform((text, ctx): ProjectCursor => {
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(text);
    if (!match) {
      ctx.addIssue({ code: "custom", message: "Invalid cursor." });
      return z.NEVER;
    }
    return { updatedAt: new Date(Number(match[1])), id: match[2]! };
  });

export const projectListInput = z
  .object({
    /** How many to return; the landing page asks for the few it shows. */
    limit: z.number().int().min(1).max(60).default(PROJECTS_PAGE_SIZE),
    /** From the previous page's nextCursor; null or absent for the first page. */
    cursor: projectCursorSchema.nullish(),
  })
  .default({ limit: PROJECTS_PAGE_SIZE });
