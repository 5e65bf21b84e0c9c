import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection URL from here (the CLI only: the app passes it to the pg adapter).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/ollio" },
});
