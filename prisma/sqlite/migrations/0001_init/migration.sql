-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "seed" INTEGER,
    "state" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "requestId" TEXT,
    "webhookToken" TEXT NOT NULL,
    "inputOutputId" TEXT,
    "inputUploadId" TEXT,
    "retryOfId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "favorite" BOOLEAN NOT NULL DEFAULT false,
    "hiddenAt" DATETIME,
    "nextPollAt" DATETIME,
    "pollCount" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastPollAt" DATETIME,
    "sendingAt" DATETIME,
    "lastPollError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME
);

-- CreateTable
CREATE TABLE "Output" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
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

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mediaKey" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "publicToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_requestId_key" ON "Job"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_webhookToken_key" ON "Job"("webhookToken");

-- CreateIndex
CREATE INDEX "Job_state_nextPollAt_idx" ON "Job"("state", "nextPollAt");

-- CreateIndex
CREATE INDEX "Job_createdAt_idx" ON "Job"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Output_publicToken_key" ON "Output"("publicToken");

-- CreateIndex
CREATE UNIQUE INDEX "Output_jobId_index_key" ON "Output"("jobId", "index");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_publicToken_key" ON "Upload"("publicToken");

