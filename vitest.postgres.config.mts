// `npm run test:postgres`: every suite that opens a test database (openTestDatabase), run again
// on PostgreSQL. lib/db/test-postgres-setup.ts starts one throwaway server for the run.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

const root = import.meta.dirname;

function testFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory())
      return e.name === "node_modules" || e.name.startsWith(".") ? [] : testFiles(rel);
    return e.name.endsWith(".test.ts") ? [rel] : [];
  });
}

const databaseSuites = ["lib", "app", "scripts"]
  .flatMap(testFiles)
  .filter((f) => fs.readFileSync(path.join(root, f), "utf8").includes("openTestDatabase("));

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: databaseSuites,
    globalSetup: ["lib/db/test-postgres-setup.ts"],
    env: { TEST_DATABASE: "postgres" },
  },
});
