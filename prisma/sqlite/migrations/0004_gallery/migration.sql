-- AlterTable
ALTER TABLE "Job" ADD COLUMN "negativePrompt" TEXT;
ALTER TABLE "Job" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Board" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BoardJob" (
    "boardId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("boardId", "jobId"),
    CONSTRAINT "BoardJob_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BoardJob_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeletedJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deletedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Board_name_key" ON "Board"("name");

-- CreateIndex
CREATE INDEX "BoardJob_jobId_idx" ON "BoardJob"("jobId");

-- CreateIndex
CREATE INDEX "DeletedJob_deletedAt_idx" ON "DeletedJob"("deletedAt");

-- CreateIndex
CREATE INDEX "Job_hiddenAt_createdAt_id_idx" ON "Job"("hiddenAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Job_updatedAt_idx" ON "Job"("updatedAt");


-- Backfill: the negative prompt, and the search text as lib/gallery/search-text.ts makes it
-- (SQLite's lower() folds ASCII only; jobs made from now on fold every script).
UPDATE "Job" SET "negativePrompt" = json_extract("params", '$.negative_prompt') WHERE json_valid("params");
UPDATE "Job" SET "negativePrompt" = NULL WHERE trim(coalesce("negativePrompt", '')) = '';
UPDATE "Job" SET "searchText" = replace(replace(lower(
  "prompt" || CASE WHEN "negativePrompt" IS NULL THEN '' ELSE char(10) || "negativePrompt" END
), '%', char(57344)), '_', char(57345));
