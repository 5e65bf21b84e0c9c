import { z } from "zod";
import { rowIdSchema } from "@/lib/row-id";
import { textInput } from "@/lib/text-input";

export const projectIdInput = z.object({ projectId: rowIdSchema });

export const projectNameSchema = textInput()
  .trim()
  .min(1, "Give the project a name.")
  .max(80, "Project names can be at most 80 characters.");
