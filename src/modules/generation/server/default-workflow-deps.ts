import { db } from "@/lib/db/client";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { getSandboxProvider } from "@/modules/sandbox/server";
import { getModelConfig } from "./model-config";
import { defaultWorkflowSettings, type WorkflowDeps } from "./workflow-deps";

/** The workflow's real ports, from env: the app database, the configured sandbox provider and model. */
export function createWorkflowDeps(overrides: Partial<WorkflowDeps> = {}): WorkflowDeps {
  return {
    db,
    sandboxes: getSandboxProvider(),
    model: getModelConfig(),
    previewUrlFor,
    settings: defaultWorkflowSettings(),
    ...overrides,
  };
}
