// migrate:store's core on real servers: 1,000 jobs of a SQLite studio and their files moved into
// PostgreSQL and an S3-compatible bucket, then moved again (nothing copied twice) and resumed
// after losing part of the target. Runs in the PostgreSQL pass (npm run test:postgres).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { LocalStore } from "@/lib/media/store/local";
import { S3Store } from "@/lib/media/store/s3";
import { startS3rver, type S3rverProcess } from "@/lib/media/store/s3rver-process";
import { PrismaClient } from "./generated/client";
import { createDatabaseFile, openTestDatabase } from "./test-database";

const onPostgres = process.env.TEST_DATABASE === "postgres";
const JOBS = 1000;

// Only the PostgreSQL pass opens a database here; the SQLite pass skips the suite.
const t = onPostgres ? await openTestDatabase() : null;
const { moveFiles, moveRows } = await import("./move-history");

describe.skipIf(!t)("moving a studio's history into PostgreSQL and a bucket", () => {
  let dir: string;
  let source: PrismaClient;
  let s3: S3rverProcess;
  let bucket: S3Store;

  afterAll(async () => {
    await source?.$disconnect();
    await s3?.stop();
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    "copies every row and file once, and picks up where an interrupted run stopped",
    { timeout: 240_000 },
    async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-move-"));
      source = new PrismaClient({
        adapter: new PrismaBetterSQLite3({ url: createDatabaseFile(dir) }),
      });
      const folder = new LocalStore(path.join(dir, "media"));
      s3 = await startS3rver(["team"]);
      bucket = new S3Store({
        bucket: "team",
        prefix: "studio/",
        endpoint: s3.endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: "x" },
      });
      const board = randomUUID();
      await source.board.create({ data: { id: board, name: "Picks" } });
      const jobs = Array.from({ length: JOBS }, (_, i) => ({
        id: randomUUID(),
        kind: "image",
        model: "hunyuan-image",
        prompt: `job ${i}`,
        params: "{}",
        state: "COMPLETED",
        webhookToken: randomUUID(),
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      }));
      await source.job.createMany({ data: jobs });
      await source.output.createMany({
        data: jobs.map((j) => ({
          id: randomUUID(),
          jobId: j.id,
          index: 0,
          sourceUrl: "https://cdn.example/x.png",
          state: "STORED",
          mediaKey: `outputs/${j.id}/0.png`,
          publicToken: randomUUID(),
        })),
      });
      await source.boardJob.createMany({
        data: jobs.slice(0, 10).map((j) => ({ boardId: board, jobId: j.id })),
      });
      for (const j of jobs)
        await folder.write(`outputs/${j.id}/0.png`, Buffer.from(`png of ${j.id}`));

      const started = performance.now();
      const rows = await moveRows(source, t!.db);
      const files = await moveFiles(folder, bucket);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `[migrate:store] ${JOBS} jobs with ${files.total} files moved in ${seconds.toFixed(1)} s`,
      );
      expect(rows.job).toEqual({ copied: JOBS, total: JOBS });
      expect(rows.output.copied).toBe(JOBS);
      expect(rows.boardJob.copied).toBe(10);
      expect(files).toEqual({ copied: JOBS, skipped: 0, total: JOBS });
      expect(await t!.db.job.count()).toBe(JOBS);
      expect((await bucket.read(`outputs/${jobs[7].id}/0.png`))?.toString()).toBe(
        `png of ${jobs[7].id}`,
      );

      // Again: nothing is copied twice.
      const again = await moveRows(source, t!.db);
      expect(again.job.copied).toBe(0);
      expect((await moveFiles(folder, bucket)).copied).toBe(0);

      // An interrupted run: part of the target is missing; the next run restores exactly that.
      await t!.db.output.deleteMany({
        where: { jobId: { in: jobs.slice(0, 50).map((j) => j.id) } },
      });
      for (const j of jobs.slice(0, 20)) await bucket.delete(`outputs/${j.id}/0.png`);
      expect((await moveRows(source, t!.db)).output.copied).toBe(50);
      expect((await moveFiles(folder, bucket)).copied).toBe(20);
      expect(await t!.db.output.count()).toBe(JOBS);
    },
  );
});
