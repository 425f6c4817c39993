import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

describe("the studio's server", () => {
  it("refuses to listen beyond loopback with a real key and no password", () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "scripts/serve.ts",
        "-H",
        "0.0.0.0",
        "-p",
        "3999",
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PIXAZO_API_KEY: "pxz-serve-test-0000",
          STUDIO_PASSWORD: "",
          NODE_ENV: "development",
          DATA_DIR: "/tmp/serve-test",
        },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("listens on loopback only");
  });
});
