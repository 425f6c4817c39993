// Moves a designer's history into a team's studio: the SQLite database and media folder of a
// single studio into the PostgreSQL database and media store this process is configured for
// (DATABASE_URL=postgresql://…, MEDIA_STORE=s3://…; see the README).
//
//   npm run migrate:store -- [--from-db file:./data/studio.db] [--from-media ./data/media]
//
// Idempotent and resumable: run it again after an interruption and it copies what is missing.
// The core is lib/db/move-history.ts.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { runUnderServerConditions } from "./support/server-modules";

runUnderServerConditions(__filename);

function bar(label: string, done: number, total: number) {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  const pct = total ? Math.floor((done / total) * 100) : 100;
  process.stderr.write(
    `\r${label.padEnd(12)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total}   `,
  );
}

async function main() {
  const { values } = parseArgs({
    options: { "from-db": { type: "string" }, "from-media": { type: "string" } },
  });
  const { checkEnvOrExit } = await import("@/lib/env");
  const e = checkEnvOrExit();
  const dataDir = path.resolve(process.env.FROM_DATA_DIR ?? "data");
  const fromDb = values["from-db"] ?? `file:${path.join(dataDir, "studio.db")}`;
  const fromMedia = path.resolve(values["from-media"] ?? path.join(dataDir, "media"));
  if (!fromDb.startsWith("file:")) throw new Error("--from-db must be a SQLite file: URL");
  if (!/^postgres(ql)?:\/\//.test(e.databaseUrl)) {
    throw new Error("Set DATABASE_URL to the team's postgresql:// database to move into.");
  }
  const started = Date.now();
  console.log(`[migrate:store] applying migrations to the target database`);
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    stdio: "ignore",
    env: process.env,
  });
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const { PrismaClient } = await import("@/lib/db/generated/client");
  const { db, checkDatabase } = await import("@/lib/db/client");
  const { checkMediaStore } = await import("@/lib/media/store");
  const { LocalStore } = await import("@/lib/media/store/local");
  const { S3Store } = await import("@/lib/media/store/s3");
  const { moveFiles, moveRows } = await import("@/lib/db/move-history");
  console.log(`[migrate:store] into ${await checkDatabase()} and ${await checkMediaStore()}`);
  const source = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: fromDb }) });
  const target =
    e.mediaStore.kind === "s3" ? new S3Store(e.mediaStore) : new LocalStore(e.mediaStore.dir);
  try {
    const rows = await moveRows(source, db, (p) => bar(p.table ?? "rows", p.done, p.total));
    process.stderr.write("\n");
    const files = await moveFiles(new LocalStore(fromMedia), target, (p) =>
      bar("files", p.done, p.total),
    );
    process.stderr.write("\n");
    for (const [table, r] of Object.entries(rows)) {
      console.log(
        `[migrate:store] ${table}: ${r.copied} copied, ${r.total - r.copied} already there`,
      );
    }
    console.log(
      `[migrate:store] files: ${files.copied} copied, ${files.skipped} already there, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await source.$disconnect();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(`\n[migrate:store] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
