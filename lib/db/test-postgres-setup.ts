// Vitest globalSetup of `npm run test:postgres`: one PostgreSQL server for the whole run (a
// throwaway one, or TEST_POSTGRES_URL's, where the role may create databases), and on it a
// template database migrated by the real `prisma migrate deploy`, which each test file copies.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./test-postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { adminUrl: string; template: string };
  }
}

const root = path.join(import.meta.dirname, "../..");

async function onServer(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const server = process.env.TEST_POSTGRES_URL
    ? { url: process.env.TEST_POSTGRES_URL, stop: async () => {} }
    : await startPostgresServer();
  const serverReady = Date.now();
  const template = `studio_template_${randomBytes(4).toString("hex")}`;
  const templateUrl = new URL(server.url);
  templateUrl.pathname = `/${template}`;
  try {
    await onServer(server.url, `CREATE DATABASE "${template}"`);
    execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: templateUrl.toString(), CHECKPOINT_DISABLE: "1" },
      stdio: "pipe",
    });
  } catch (err) {
    await server.stop();
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `Could not migrate the template database:\n${e.stdout ?? ""}${e.stderr ?? ""}${err}`,
    );
  }
  console.log(
    `[postgres] server ready in ${serverReady - started} ms, template migrated in ${Date.now() - serverReady} ms`,
  );
  project.provide("postgres", { adminUrl: server.url, template });
  return async () => {
    if (process.env.TEST_POSTGRES_URL) {
      await onServer(server.url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    }
    await server.stop();
  };
}
