// The models are written once, in prisma/sqlite/schema.prisma; the PostgreSQL schema is made
// from it by scripts/prisma-schemas.ts and must not drift.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./prisma-schemas";

describe("prisma/postgres/schema.prisma", () => {
  it("is what scripts/prisma-schemas.ts makes from prisma/sqlite/schema.prisma (npm run db:schemas)", () => {
    const made = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(made);
  });

  it("swaps the provider and the client's folder, and switches on the `// postgres:` lines", () => {
    const pg = postgresSchemaFrom(
      [
        "generator client {",
        '  provider   = "prisma-client"',
        '  output     = "../../lib/db/generated"',
        "}",
        "datasource db {",
        '  provider = "sqlite"',
        "}",
        "model A {",
        "  id String @id",
        "  // postgres: @@index([id], type: Hash)",
        "}",
      ].join("\n"),
    );
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('output     = "../../lib/db/generated-pg"');
    expect(pg).toContain("\n  @@index([id], type: Hash)\n");
    expect(pg).not.toContain('"sqlite"');
  });

  it("refuses a source whose header it does not recognise", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "mysql"\n}\n')).toThrow(
      /expected one line/,
    );
  });
});
