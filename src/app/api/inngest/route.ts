import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Inngest calls this endpoint to run each step; a generation step can take minutes.
export const maxDuration = 800;

export const { GET, POST, PUT } = serve({ client: inngest, functions });
