// A fresh database for tests of the real queries, with every migration applied and the studio's
// configuration pointed at it: a SQLite file in a temporary folder, or, with
// TEST_DATABASE=postgres (`npm run test:postgres`), a new database on the run's PostgreSQL server
// (lib/db/test-postgres-setup.ts), copied from a template the real `prisma migrate deploy`
// made. Open it before anything imports lib/db/client (which reads the configuration once),
// then import the queries.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { inject } from "vitest";
import type { PrismaClient } from "./generated/client";

const MIGRATIONS = path.join(import.meta.dirname, "../../prisma/sqlite/migrations");

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

export function testingPostgres(): boolean {
  return process.env.TEST_DATABASE === "postgres";
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("postgres").adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database on the run's PostgreSQL server, copied from the migrated template. */
export async function createPostgresDatabase(): Promise<string> {
  const { adminUrl, template } = inject("postgres");
  const name = `studio_test_${randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * Points DATA_DIR, MEDIA_DIR and DATABASE_URL at a new temporary folder and a migrated
 * database, and answers the studio's own client on it.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-db-test-"));
  const url = testingPostgres() ? await createPostgresDatabase() : createDatabaseFile(dir);
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
      if (testingPostgres()) await dropPostgresDatabase(url);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
