-- Shared ground for teams, usage analytics and plans: who started each run, who each credit
-- entry is for, the TEAM plan, and what a run used of the model.
ALTER TYPE "Plan" ADD VALUE 'TEAM';

ALTER TABLE "Run" ADD COLUMN "createdById" TEXT;
ALTER TABLE "Run" ADD COLUMN "model" TEXT;
ALTER TABLE "Run" ADD COLUMN "modelCalls" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "promptTokens" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "completionTokens" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD CONSTRAINT "Run_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Run_teamId_createdAt_idx" ON "Run"("teamId", "createdAt");

ALTER TABLE "CreditLedgerEntry" ADD COLUMN "userId" TEXT;
ALTER TABLE "CreditLedgerEntry" ADD CONSTRAINT "CreditLedgerEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "CreditLedgerEntry_teamId_userId_createdAt_idx" ON "CreditLedgerEntry"("teamId", "userId", "createdAt");
