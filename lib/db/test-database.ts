// A fresh SQLite database for tests of the real queries: a temporary folder, every migration
// applied in order, and the studio's configuration pointed at it. Open it before anything
// imports lib/db/client (which reads the configuration once), then import the queries.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { PrismaClient } from "./generated/client";

const MIGRATIONS = path.join(import.meta.dirname, "../../prisma/migrations");

export interface TestDatabase {
  dir: string;
  url: string;
  db: PrismaClient;
  close(): Promise<void>;
}

/** Creates the database file in `dir` and applies every migration's SQL to it, in order. */
export function createDatabaseFile(dir: string): string {
  const file = path.join(dir, "studio.db");
  const sqlite = new Database(file);
  try {
    for (const name of fs.readdirSync(MIGRATIONS).sort()) {
      const sql = path.join(MIGRATIONS, name, "migration.sql");
      if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, "utf8"));
    }
  } finally {
    sqlite.close();
  }
  return `file:${file}`;
}

/**
 * Points DATA_DIR, MEDIA_DIR and DATABASE_URL at a new temporary folder with a migrated
 * database, and answers the studio's own client on it.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-db-test-"));
  const url = createDatabaseFile(dir);
  process.env.DATA_DIR = dir;
  process.env.MEDIA_DIR = path.join(dir, "media");
  process.env.DATABASE_URL = url;
  const { env } = await import("@/lib/env");
  if (env().databaseUrl !== url) {
    throw new Error(
      "The studio's configuration was read before openTestDatabase(); import lib/db modules after it, with await import().",
    );
  }
  const { db } = await import("./client");
  return {
    dir,
    url,
    db,
    async close() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
