import type { PrismaConfig } from "prisma/config";

// Prisma 7 reads the connection URL from here (the CLI only: the app passes it to the pg adapter).
// A plain object rather than defineConfig() so the Docker image can run a standalone `prisma`.
export default {
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/ollio" },
} satisfies PrismaConfig;
