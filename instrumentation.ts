// Runs once per server process: checks the configuration (a bad one stops start-up with a
// message naming the variable), checks the database and the media store can be reached and written, and starts
// the background job tracker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnvOrExit } = await import("@/lib/env");
  const e = checkEnvOrExit();
  console.log(
    `[studio] gateway: ${e.mode === "sandbox" ? `sandbox (no PIXAZO_API_KEY set) at ${e.gatewayUrl}` : e.gatewayUrl}`,
  );
  const { checkDatabase } = await import("@/lib/db/client");
  const { ConfigError } = await import("@/lib/env");
  try {
    console.log(`[studio] database: ${await checkDatabase()}`);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
  const { checkMediaStore, MediaStoreError } = await import("@/lib/media/store");
  try {
    console.log(`[studio] media store: ${await checkMediaStore()}`);
  } catch (err) {
    if (!(err instanceof MediaStoreError)) throw err;
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
  const { tracker } = await import("@/lib/jobs/tracker");
  tracker().start();
}
