import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import {
  checkPostgresOrExit,
  isPostgresUrl,
  postgresCliAdapter,
  releaseSchemaEngineTimers,
} from "./lib/db/postgres";

// The CLI does not read .env when a config file exists; fall back to the studio's default file,
// the same one lib/env.ts picks, and make sure its folder exists so SQLite can create it.
const dataDir = path.resolve(process.env.DATA_DIR || "data");
fs.mkdirSync(dataDir, { recursive: true });
const url = (process.env.DATABASE_URL ||= `file:${path.join(dataDir, "studio.db")}`);

// Two schemas, one set of models (scripts/prisma-schemas.ts): DATABASE_URL's scheme picks the
// schema, its migrations and the driver adapter.
const dialect = isPostgresUrl(url) ? "postgres" : "sqlite";
if (dialect === "postgres") releaseSchemaEngineTimers();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${dialect}/schema.prisma`,
  migrations: { path: `prisma/${dialect}/migrations` },
  async adapter() {
    if (dialect === "sqlite") return new PrismaBetterSQLite3({ url });
    await checkPostgresOrExit(url);
    return postgresCliAdapter(url);
  },
});
