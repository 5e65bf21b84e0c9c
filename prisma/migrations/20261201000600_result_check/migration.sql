-- AlterTable
ALTER TABLE "Fragment" ADD COLUMN     "checkStatus" TEXT,
ADD COLUMN     "problems" JSONB,
ADD COLUMN     "checkNote" TEXT,
ADD COLUMN     "screenshots" JSONB,
ADD COLUMN     "screenshotDesktop" BYTEA,
ADD COLUMN     "screenshotPhone" BYTEA;
