import { Prisma } from "@/generated/prisma/client";

/** True when a write failed on a unique constraint (Prisma P2002), e.g. an email already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
