// Fills the configured database and media store with N made-up finished jobs, to try the
// gallery at size:
//
//   npm run seed:gallery -- 10000 [--force] [--seed 42]
//
// The database and media store are the studio's own (DATABASE_URL or DATA_DIR, MEDIA_DIR or
// MEDIA_STORE; see lib/env.ts). It refuses a database holding jobs it did not make unless
// --force is given. The core is lib/gallery/seed.ts.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { runUnderServerConditions } from "./support/server-modules";

runUnderServerConditions(__filename);

const USAGE = "Usage: npm run seed:gallery -- N [--force] [--seed S]   (N from 1 to 100000)";

function readArgs() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: "boolean", default: false }, seed: { type: "string" } },
  });
  const count = Number(positionals[0] ?? 200);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || count > 100_000 || Number.isNaN(seed)) {
    console.error(USAGE);
    process.exit(2);
  }
  return { count, force: values.force, seed };
}

function fail(message: string): never {
  console.error(`\n[seed] ${message}\n`);
  process.exit(1);
}

const tableMissing = (err: unknown) => (err as { code?: string }).code === "P2021";

async function main() {
  const args = readArgs();
  const { checkEnvOrExit } = await import("@/lib/env");
  const e = checkEnvOrExit();
  const where = e.databaseUrl.replace(/\/\/[^@/]*@/, "//…@");
  const { db } = await import("@/lib/db/client");
  const { checkMediaStore, writeMedia } = await import("@/lib/media/store");
  const { seedGallery, seedRefusal, seedTarget, SeedRefusedError } =
    await import("@/lib/gallery/seed");

  try {
    await db.job.count();
  } catch (err) {
    if (!tableMissing(err)) throw err;
    console.log(`[seed] ${where} has no tables yet: running prisma migrate deploy`);
    const migrated = spawnSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit" });
    if (migrated.status !== 0) fail("prisma migrate deploy failed; run it yourself and retry.");
  }
  const refused = seedRefusal(await seedTarget(db), args.force);
  if (refused) fail(refused);
  const store = await checkMediaStore().catch((err: Error) => fail(err.message));

  console.log(`[seed] ${args.count} jobs into ${where}, files into the ${store}`);
  let last = 0;
  try {
    const report = await seedGallery({
      db,
      write: writeMedia,
      count: args.count,
      force: args.force,
      seed: args.seed,
      onProgress(done, total) {
        if (process.stdout.isTTY) process.stdout.write(`\r[seed] ${done}/${total} jobs`);
        else if (done === total || Date.now() - last > 2000)
          console.log(`[seed] ${done}/${total} jobs`);
        last = Date.now();
      },
    });
    if (process.stdout.isTTY) process.stdout.write("\n");
    const list = (o: Record<string, number>) =>
      Object.entries(o)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
    console.log(
      [
        `[seed] made ${report.jobs} jobs with ${report.outputs} outputs in ${(report.ms / 1000).toFixed(1)} s`,
        `       states: ${list(report.byState)}`,
        `       models: ${list(report.byModel)}`,
        `       files:  ${report.files} written, ${(report.bytes / 1024 / 1024).toFixed(1)} MB`,
        "       Seeded jobs have webhook tokens starting with `seed-`.",
      ].join("\n"),
    );
  } catch (err) {
    if (err instanceof SeedRefusedError) fail(err.message);
    if ((err as { code?: string }).code === "P2022") {
      fail("The database is missing columns: run `npx prisma migrate deploy` and retry.");
    }
    throw err;
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
