-- Versions become a chain: each Fragment gets a stable number per project (v1, v2, …), the version
-- it was built from and how it was made; a run records the version its prompt was sent from (and
-- the element the user pointed at, if any); and share links open one version publicly until
-- revoked or expired.

-- CreateEnum
CREATE TYPE "VersionOrigin" AS ENUM ('AGENT', 'EDIT', 'RESTORE');

-- AlterTable
ALTER TABLE "Fragment" ADD COLUMN "number" INTEGER,
ADD COLUMN "parentId" TEXT,
ADD COLUMN "origin" "VersionOrigin" NOT NULL DEFAULT 'AGENT';

-- Existing versions: numbered by createdAt per project (id breaks ties), each built from the one
-- before it — which is what every follow-up did until now (it always edited the latest).
WITH ordered AS (
    SELECT "id",
           row_number() OVER (PARTITION BY "projectId" ORDER BY "createdAt", "id") AS "n",
           lag("id") OVER (PARTITION BY "projectId" ORDER BY "createdAt", "id") AS "previous"
    FROM "Fragment"
)
UPDATE "Fragment" AS f SET "number" = ordered."n", "parentId" = ordered."previous"
FROM ordered WHERE f."id" = ordered."id";

ALTER TABLE "Fragment" ALTER COLUMN "number" SET NOT NULL;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "baseFragmentId" TEXT,
ADD COLUMN "element" JSONB;

-- Runs that already produced or were waiting for a version built on the latest one before them.
UPDATE "Run" AS r SET "baseFragmentId" = (
    SELECT f."id" FROM "Fragment" f JOIN "Message" m ON m."id" = r."userMessageId"
    WHERE f."projectId" = r."projectId" AND f."createdAt" < m."createdAt"
    ORDER BY f."createdAt" DESC, f."id" DESC LIMIT 1
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "fragmentId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_projectId_createdAt_idx" ON "ShareLink"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "ShareLink_fragmentId_idx" ON "ShareLink"("fragmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Fragment_projectId_number_key" ON "Fragment"("projectId", "number");

-- CreateIndex
CREATE INDEX "Fragment_parentId_idx" ON "Fragment"("parentId");

-- AddForeignKey
ALTER TABLE "Fragment" ADD CONSTRAINT "Fragment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Fragment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_baseFragmentId_fkey" FOREIGN KEY ("baseFragmentId") REFERENCES "Fragment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_fragmentId_fkey" FOREIGN KEY ("fragmentId") REFERENCES "Fragment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
