-- A team's default model and its own (encrypted) API key for the instance's provider; the Clerk
-- Organization a team mirrors.
-- CreateTable
CREATE TABLE "TeamModelSettings" (
    "teamId" TEXT NOT NULL,
    "defaultModel" TEXT,
    "apiKeyEncrypted" TEXT,
    "apiKeyLast4" TEXT,
    "apiKeyUpdatedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamModelSettings_pkey" PRIMARY KEY ("teamId")
);

-- AddForeignKey
ALTER TABLE "TeamModelSettings" ADD CONSTRAINT "TeamModelSettings_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN "clerkOrgId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Team_clerkOrgId_key" ON "Team"("clerkOrgId");
