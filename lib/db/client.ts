import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { ConfigError, env } from "@/lib/env";
import { describePostgres, isPostgresUrl, postgresAdapter, postgresErrorMessage } from "./postgres";

/** Which SQL the raw queries must speak: DATABASE_URL's scheme decides. */
export type Dialect = "sqlite" | "postgres";

export const dialect: Dialect = isPostgresUrl(env().databaseUrl) ? "postgres" : "sqlite";

const globalForPrisma = globalThis as unknown as { studioPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = env().databaseUrl;
  if (dialect === "postgres") {
    // Both clients come from the same models (scripts/prisma-schemas.ts), so their model APIs
    // are the same; the queries are written once, against the SQLite client's types.
    return new PostgresPrismaClient({ adapter: postgresAdapter(url) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

// One client per process; cached on globalThis so dev-mode reloads do not open new connections.
export const db: PrismaClient = (globalForPrisma.studioPrisma ??= createClient());

/**
 * At start-up: runs `SELECT 1` and answers what the studio uses, for the log. A database that
 * cannot be reached or used throws a ConfigError naming DATABASE_URL (never its password).
 */
export async function checkDatabase(): Promise<string> {
  const url = env().databaseUrl;
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (err) {
    if (dialect === "postgres") throw new ConfigError(postgresErrorMessage(url, err));
    const why = err instanceof Error ? err.message.trim().split("\n").at(-1) : String(err);
    throw new ConfigError(`Cannot use the SQLite database in DATABASE_URL (${url}): ${why}`);
  }
  return dialect === "postgres" ? describePostgres(url) : `SQLite at ${url.replace(/^file:/, "")}`;
}
