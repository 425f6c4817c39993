// PostgreSQL through @prisma/adapter-pg: pool settings from DATABASE_URL, the adapter the
// Prisma CLI needs (prisma.config.ts), and plain words for a server that cannot be used. No
// "server-only" here: the CLI and the test set-up load this module outside Next.
import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Host, port, user, password and database as separate fields. Given a connectionString, pg lets
 * it override `database`, so the CLI's shadow database would be the real one.
 */
export function poolConfigFrom(url: string): pg.PoolConfig {
  const config = { ...parseIntoClientConfig(url) } as pg.PoolConfig & Record<string, unknown>;
  delete config.connectionString;
  return config;
}

/** The studio's own pool: a server that does not answer fails within seconds, not never. */
export function postgresAdapter(url: string): PrismaPg {
  return new PrismaPg({ ...poolConfigFrom(url), connectionTimeoutMillis: 10_000 });
}

// prisma/orm#27403: the CLI reads catalog columns of the types "char" (18) and name (19), and
// arrays of them, which adapter-pg cannot deserialize. They arrive as text here; nothing else
// sees this pool.
const AS_TEXT = new Map([
  [18, 25],
  [19, 25],
  [1002, 1009],
  [1003, 1009],
]);

interface RowDescription {
  fields: { dataTypeID: number }[];
}

function cliPool(config: pg.PoolConfig): pg.Pool {
  // allowExitOnIdle: otherwise the CLI lingers for the idle timeout after it has finished.
  const pool = new pg.Pool({ ...config, allowExitOnIdle: true });
  pool.on("connect", (client) => {
    const connection = (client as unknown as { connection: EventEmitter }).connection;
    connection.prependListener("rowDescription", (msg: RowDescription) => {
      for (const f of msg.fields) f.dataTypeID = AS_TEXT.get(f.dataTypeID) ?? f.dataTypeID;
    });
  });
  return pool;
}

async function runOnce(config: pg.ClientConfig, sql: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * adapter-pg runs a migration split at every ";", even one inside a comment, a string or a
 * function body, and each piece commits on its own. Sent whole, as one simple query, a
 * migration is one implicit transaction again, as with Prisma's native engine.
 */
function wholeScripts(adapter: PgAdapter): PgAdapter {
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/**
 * The adapter factory for prisma.config.ts. Its shadow database (for `migrate dev` and
 * `migrate diff --from-migrations`) is a new uniquely named database, dropped after its pool is
 * closed: the stock one drops it while still connected and fails.
 */
export function postgresCliAdapter(url: string) {
  const config = poolConfigFrom(url);
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: async () =>
      wholeScripts(await new PrismaPg(cliPool(config), { disposeExternalPool: true }).connect()),
    async connectToShadowDb() {
      const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await runOnce(config, `CREATE DATABASE "${database}"`);
      const shadow = new PrismaPg(cliPool({ ...config, database }), { disposeExternalPool: true });
      const adapter = wholeScripts(await shadow.connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await runOnce(config, `DROP DATABASE IF EXISTS "${database}"`);
      };
      return adapter;
    },
  };
}

/**
 * The schema engine (WebAssembly) races its advisory lock against a 10 s timer and leaves the
 * timer running once it has the lock, so `migrate deploy` on PostgreSQL sat idle for 10 s before
 * exiting. Such timers no longer keep the CLI alive on their own; one still fires on time while
 * the engine waits for the lock, since that wait holds a connection open.
 */
export function releaseSchemaEngineTimers(): void {
  const setTimeout = globalThis.setTimeout;
  globalThis.setTimeout = Object.assign(function (
    this: unknown,
    ...args: Parameters<typeof setTimeout>
  ) {
    const timer = setTimeout.apply(this, args);
    if (args[1] === 10_000 && new Error().stack?.includes("wasm://")) timer.unref();
    return timer;
  }, setTimeout);
}

/**
 * For the CLI (prisma.config.ts): `SELECT 1` on its own connection, so a server that cannot be
 * used stops `migrate deploy` at start-up with the same paragraph the studio would print.
 */
export async function checkPostgresOrExit(url: string): Promise<void> {
  try {
    await runOnce({ ...poolConfigFrom(url), connectionTimeoutMillis: 10_000 }, "SELECT 1");
  } catch (err) {
    console.error(`\n${postgresErrorMessage(url, err)}\n`);
    process.exit(1);
  }
}

/** DATABASE_URL with its password masked, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    for (const key of [...u.searchParams.keys()]) {
      if (/password|sslkey/i.test(key)) u.searchParams.set(key, "****");
    }
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//****@");
  }
}

/** "PostgreSQL 127.0.0.1:5432/studio (user studio)", for the start-up log. */
export function describePostgres(url: string): string {
  const c = poolConfigFrom(url);
  return `PostgreSQL at ${c.host || "localhost"}:${c.port ?? 5432}/${c.database ?? c.user} (user ${c.user})`;
}

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
  reason?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

/**
 * What an error says about itself, from pg (SQLSTATE or errno name), adapter-pg (its error kind)
 * or Prisma (the adapter's error kept in `meta`), through causes.
 */
function factsOf(err: unknown): { codes: string[]; detail: string } {
  const codes: string[] = [];
  let detail = "";
  const queue: unknown[] = [err];
  for (let i = 0; i < queue.length && i < 10; i++) {
    const e = queue[i] as ErrorLike | undefined;
    if (!e || typeof e !== "object") continue;
    for (const c of [e.code, e.kind, e.originalCode]) if (typeof c === "string") codes.push(c);
    const text = e.originalMessage ?? e.reason;
    if (!detail && typeof text === "string") detail = text;
    queue.push(e.meta?.driverAdapterError?.cause, e.cause);
  }
  if (!detail) {
    const text = err instanceof Error ? err.message : String(err);
    detail = text.trim().split("\n").at(-1)?.trim() ?? text;
  }
  return { codes, detail };
}

/**
 * One paragraph for a PostgreSQL server that cannot be used: what went wrong, where, and what
 * to check. Names DATABASE_URL; never shows its password.
 */
export function postgresErrorMessage(url: string, err: unknown): string {
  const c = poolConfigFrom(url);
  const where = `${c.host || "localhost"}:${c.port ?? 5432}`;
  const database = c.database ?? c.user;
  const { codes, detail } = factsOf(err);
  const has = (...wanted: string[]) => wanted.some((w) => codes.includes(w));
  let why: string;
  if (has("ENOTFOUND", "EAI_AGAIN")) {
    why = `the host name "${c.host}" cannot be resolved. Check the host in DATABASE_URL.`;
  } else if (has("ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "DatabaseNotReachable")) {
    why = `nothing answers at ${where}. Check that PostgreSQL is running there and accepts TCP connections on that address and port, and that the host and port in DATABASE_URL are right.`;
  } else if (has("ETIMEDOUT", "SocketTimeout") || /timeout|timed out/i.test(detail)) {
    why = `no answer from ${where} in time. Check the host and port, and that no firewall drops the studio's connections.`;
  } else if (has("28P01", "AuthenticationFailed")) {
    why = `the server at ${where} refused the password for user "${c.user}". Check the user name and password in DATABASE_URL.`;
  } else if (has("28000", "DatabaseAccessDenied")) {
    why = `the server at ${where} does not let user "${c.user}" into database "${database}" (${detail}). Check the user, and the server's pg_hba.conf.`;
  } else if (has("3D000", "DatabaseDoesNotExist")) {
    why = `the server at ${where} has no database "${database}". Create it (for example \`createdb -O ${c.user} ${database}\`) or fix the database name in DATABASE_URL.`;
  } else if (has("TlsConnectionError") || /\bssl\b|tls|certificate/i.test(detail)) {
    why = `the TLS connection to ${where} failed (${detail}). Check sslmode in DATABASE_URL against what the server offers.`;
  } else if (has("53300", "TooManyConnections")) {
    why = `the server at ${where} has no connection left for the studio (${detail}).`;
  } else {
    why = `${detail}${codes.length ? ` (${codes[0]})` : ""}.`;
  }
  return `Cannot use the database in DATABASE_URL (${redactedUrl(url)}): ${why}`;
}
