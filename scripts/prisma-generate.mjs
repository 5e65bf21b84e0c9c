// Generates the Prisma client (src/generated/prisma) on install.
// `prisma generate` needs no schema engine, but the CLI still tries to download one unless
// PRISMA_SCHEMA_ENGINE_BINARY points at an executable; offline machines have none, so when the
// engine was not installed we point it at a harmless one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
if (!existsSync("prisma/schema.prisma")) process.exit(0);

const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
