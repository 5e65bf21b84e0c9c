-- A project renamed by a person keeps that name; until then each version's page title may rename it.
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "nameChosenByUser" BOOLEAN NOT NULL DEFAULT false;
