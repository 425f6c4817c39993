-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Output" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailedAt" DATETIME,
    "needsFreshLink" BOOLEAN NOT NULL DEFAULT false,
    "nextTryAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "errorMessage" TEXT,
    "mediaKey" TEXT,
    "mimeType" TEXT,
    "bytes" INTEGER,
    "width" INTEGER,
    "height" INTEGER,
    "thumbKey" TEXT,
    "previewKey" TEXT,
    "previewBytes" INTEGER,
    "triangles" INTEGER,
    "vertices" INTEGER,
    "publicToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storedAt" DATETIME,
    CONSTRAINT "Output_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Output" ("attempts", "bytes", "createdAt", "errorMessage", "height", "id", "index", "jobId", "leaseOwner", "leaseUntil", "mediaKey", "mimeType", "nextTryAt", "previewBytes", "previewKey", "publicToken", "sourceUrl", "state", "storedAt", "thumbKey", "triangles", "vertices", "width") SELECT "attempts", "bytes", "createdAt", "errorMessage", "height", "id", "index", "jobId", "leaseOwner", "leaseUntil", "mediaKey", "mimeType", "nextTryAt", "previewBytes", "previewKey", "publicToken", "sourceUrl", "state", "storedAt", "thumbKey", "triangles", "vertices", "width" FROM "Output";
DROP TABLE "Output";
ALTER TABLE "new_Output" RENAME TO "Output";
CREATE UNIQUE INDEX "Output_publicToken_key" ON "Output"("publicToken");
CREATE UNIQUE INDEX "Output_jobId_index_key" ON "Output"("jobId", "index");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

