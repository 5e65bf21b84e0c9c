import { z } from "zod";

export const projectIdInput = z.object({ projectId: z.string().min(1).max(64) });

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, "Give the project a name.")
  .max(80, "Project names can be at most 80 characters.");
