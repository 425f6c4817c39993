// PostgreSQL's own parts: connection settings and start-up messages (on every run), and on
// `npm run test:postgres` the real server: checkDatabase, the trigram index, slots taken by
// separate clients, and migrations that match the schema.
import { execFile } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { SLOT_STATES } from "@/lib/jobs/states";
import { poolConfigFrom, postgresErrorMessage, redactedUrl } from "./postgres";
import { openTestDatabase, testingPostgres } from "./test-database";

const PASSWORD = "s3cr3t-Pa55word";

describe("connection settings", () => {
  it("keeps host, port, user, password and database apart, with no connection string", () => {
    const c = poolConfigFrom(
      `postgresql://studio:${PASSWORD}@db.internal:6543/gallery?sslmode=disable`,
    );
    expect(c).toMatchObject({
      host: "db.internal",
      port: 6543,
      user: "studio",
      password: PASSWORD,
      database: "gallery",
    });
    expect(c).not.toHaveProperty("connectionString");
  });

  it("masks the password in URLs shown to people", () => {
    expect(redactedUrl(`postgres://studio:${PASSWORD}@db:5432/studio`)).toBe(
      "postgres://studio:****@db:5432/studio",
    );
    expect(redactedUrl(`postgresql://db/studio?user=u&password=${PASSWORD}`)).not.toContain(
      PASSWORD,
    );
  });

  it("explains each kind of failure in one paragraph that names DATABASE_URL, not the password", () => {
    const url = `postgresql://studio:${PASSWORD}@db.internal:6543/gallery`;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ code: "ECONNREFUSED" }, /nothing answers at db\.internal:6543/],
      [{ code: "ENOTFOUND" }, /host name "db\.internal" cannot be resolved/],
      [{ code: "28P01" }, /refused the password for user "studio"/],
      [{ code: "3D000" }, /no database "gallery"/],
      [
        { message: "Connection terminated due to connection timeout" },
        /no answer from db\.internal:6543 in time/,
      ],
      // Prisma's shape: the adapter's error kept in meta.
      [
        {
          code: "P2010",
          meta: { driverAdapterError: { cause: { kind: "AuthenticationFailed" } } },
        },
        /refused the password/,
      ],
    ];
    for (const [err, why] of cases) {
      const message = postgresErrorMessage(url, Object.assign(new Error("boom"), err));
      expect(message).toMatch(
        /^Cannot use the database in DATABASE_URL \(postgresql:\/\/studio:\*\*\*\*@/,
      );
      expect(message).toMatch(why);
      expect(message).not.toContain(PASSWORD);
      expect(message).not.toContain("\n");
    }
  });
});

describe("DATABASE_URL", () => {
  const parse = (url: string) => () =>
    parseEnv({ PIXAZO_API_KEY: "pz-test-key-0000", DATABASE_URL: url });

  it("takes postgresql:// and postgres:// URLs", () => {
    expect(parse(`postgres://studio:${PASSWORD}@db/studio`)().databaseUrl).toBe(
      `postgres://studio:${PASSWORD}@db/studio`,
    );
    expect(parse("postgresql://db/studio?sslmode=verify-full&schema=public")).not.toThrow();
  });

  it("refuses another schema, and a URL that does not parse, without repeating the password", () => {
    expect(parse(`postgresql://studio:${PASSWORD}@db/studio?schema=studio`)).toThrow(
      /DATABASE_URL: \?schema=studio is not supported/,
    );
    const bad = `postgresql://studio:${PASSWORD}@db:99999/studio`;
    expect(parse(bad)).toThrow(/DATABASE_URL: is not a valid URL/);
    expect(parse(bad)).not.toThrow(new RegExp(PASSWORD));
  });
});

describe.runIf(testingPostgres())("on PostgreSQL", async () => {
  // A skipped suite's body still runs to collect its tests: no database for it on SQLite.
  if (!testingPostgres()) return;
  const t = await openTestDatabase();
  const q = await import("./jobs");
  const { checkDatabase } = await import("./client");
  const { db } = t;
  afterAll(() => t.close());

  /** The studio's modules loaded afresh: their own client and pool, as another process has. */
  async function freshStudio(url = t.url) {
    const g = globalThis as { studioPrisma?: unknown };
    const first = g.studioPrisma;
    const before = process.env.DATABASE_URL;
    g.studioPrisma = undefined;
    process.env.DATABASE_URL = url;
    vi.resetModules();
    try {
      return {
        jobs: await import("./jobs"),
        client: await import("./client"),
      };
    } finally {
      g.studioPrisma = first;
      process.env.DATABASE_URL = before;
    }
  }

  beforeEach(async () => {
    await db.output.deleteMany();
    await db.job.deleteMany();
  });

  let serial = 0;
  function makeJob(prompt = "a teapot") {
    serial++;
    return q.createJobRow({
      id: `pg-job-${serial}`,
      kind: "image",
      model: "hunyuan-image",
      prompt,
      params: "{}",
      state: "WAITING",
      webhookToken: `pg-token-${serial}`,
    });
  }

  it("checkDatabase names the server it uses", async () => {
    const { host, port, user, database } = poolConfigFrom(t.url);
    expect(await checkDatabase()).toBe(`PostgreSQL at ${host}:${port}/${database} (user ${user})`);
  });

  it("checkDatabase stops start-up with a clear message for a wrong password, a missing database or a closed port", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const base = new URL(t.url);
    const wrongPassword = new URL(base);
    wrongPassword.password = PASSWORD;
    const noDatabase = new URL(base);
    noDatabase.pathname = "/no_such_database";
    const closed = new URL(wrongPassword);
    closed.port = String(closedPort);
    const cases: [URL, RegExp][] = [
      [wrongPassword, new RegExp(`refused the password for user "${base.username}"`)],
      [noDatabase, /has no database "no_such_database"/],
      [closed, new RegExp(`nothing answers at 127\\.0\\.0\\.1:${closedPort}`)],
    ];
    for (const [url, why] of cases) {
      const studio = await freshStudio(url.toString());
      const err = await studio.client.checkDatabase().then(
        () => undefined,
        (e: Error) => e,
      );
      await studio.client.db.$disconnect();
      expect(err?.constructor.name).toBe("ConfigError");
      expect(err?.message).toMatch(/^Cannot use the database in DATABASE_URL /);
      expect(err?.message).toMatch(why);
      expect(err?.message).not.toContain(PASSWORD);
      expect(err?.message).not.toContain(base.password);
    }
  });

  it("has the trigram index the gallery's search can use", async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => makeJob(`prompt number ${i}`)));
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        // The form Prisma gives a `contains` on searchText.
        `EXPLAIN SELECT "id" FROM "public"."Job" WHERE "public"."Job"."searchText"::text LIKE $1`,
        "%number 4%",
      );
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("Job_searchText_trgm_idx");
  });

  it("takeSlot never lets separate clients take more than max together, round after round", async () => {
    const others = await Promise.all([freshStudio(), freshStudio()]);
    try {
      for (const client of others) expect(client.client.db).not.toBe(db);
      const takers = [q, ...others.map((o) => o.jobs)];
      for (let round = 0; round < 5; round++) {
        await db.job.deleteMany();
        const max = 3 + round;
        const jobs = await Promise.all(Array.from({ length: 30 }, () => makeJob()));
        const taken = await Promise.all(
          jobs.map((j, i) => takers[i % takers.length].takeSlot(j.id, max)),
        );
        expect(taken.filter(Boolean)).toHaveLength(max);
        expect(await db.job.count({ where: { state: { in: [...SLOT_STATES] } } })).toBe(max);
      }
    } finally {
      await Promise.all(others.map((o) => o.client.db.$disconnect()));
    }
  });

  it("its migrations make exactly what the schema says", async () => {
    const root = path.join(import.meta.dirname, "../..");
    const { stdout } = await promisify(execFile)(
      path.join(root, "node_modules/.bin/prisma"),
      [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/postgres/migrations",
        "--to-schema-datamodel",
        "prisma/postgres/schema.prisma",
        "--script",
        "--exit-code",
      ],
      { cwd: root, env: { ...process.env, DATABASE_URL: t.url, CHECKPOINT_DISABLE: "1" } },
    ).catch((err: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `prisma/postgres/migrations and the schema differ; add a migration made with prisma migrate diff:\n${err.stdout}${err.stderr}`,
      );
    });
    expect(stdout).toContain("empty migration");
  });
});
