// The studio's client on whichever database the run uses (SQLite, or PostgreSQL in
// `npm run test:postgres`): the dialect it reports and its start-up check.
import { afterAll, describe, expect, it, vi } from "vitest";
import { openTestDatabase, testingPostgres } from "./test-database";

const t = await openTestDatabase();
const { checkDatabase, dialect } = await import("./client");
afterAll(() => t.close());

describe("the database client", () => {
  it("speaks the dialect of DATABASE_URL", () => {
    expect(dialect).toBe(testingPostgres() ? "postgres" : "sqlite");
  });

  it("checkDatabase answers what the studio uses, for the start-up log", async () => {
    expect(await checkDatabase()).toMatch(
      testingPostgres()
        ? /^PostgreSQL at .+:\d+\/studio_test_\w+ \(user .+\)$/
        : /^SQLite at \/.*studio\.db$/,
    );
  });

  it.skipIf(testingPostgres())(
    "checkDatabase names DATABASE_URL when SQLite cannot open the file",
    async () => {
      const g = globalThis as { studioPrisma?: unknown };
      const first = g.studioPrisma;
      const before = process.env.DATABASE_URL;
      g.studioPrisma = undefined;
      process.env.DATABASE_URL = "file:/nonexistent-folder/studio.db";
      vi.resetModules();
      try {
        const other = await import("./client");
        const err = await other.checkDatabase().then(
          () => undefined,
          (e: Error) => e,
        );
        expect(err?.constructor.name).toBe("ConfigError");
        expect(err?.message).toMatch(
          /^Cannot use the SQLite database in DATABASE_URL \(file:\/nonexistent-folder\/studio\.db\): /,
        );
        await other.db.$disconnect();
      } finally {
        g.studioPrisma = first;
        process.env.DATABASE_URL = before;
      }
    },
  );
});
