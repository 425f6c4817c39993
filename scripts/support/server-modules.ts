// The studio's server modules start with `import "server-only"`, which loads only under the
// react-server condition (as Next runs them). A script that uses them calls this first: it
// runs the script again under that condition when it is not set, and exits with its status.
import { spawnSync } from "node:child_process";

export function runUnderServerConditions(file: string): void {
  if (require.resolve("server-only").endsWith("empty.js")) return;
  const again = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", file, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exit(again.status ?? 1);
}
