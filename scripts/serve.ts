// The studio's HTTP server: Next's request handler behind the checks Next cannot make itself.
// It learns the client's real address from the socket (or the trusted proxy hop), keeps a
// studio with a real key and no password on loopback and answering only to its own names,
// and passes what it learned to the app in headers a client cannot forge.
//
//   tsx scripts/serve.ts [--dev] [-p PORT] [-H HOST]
import next from "next";
import { checkEnvOrExit } from "@/lib/env";
import { isLoopbackAddress } from "@/lib/server/request-guard";
import { createStudioServer } from "@/lib/server/studio-server";

function arg(names: string[]): string | undefined {
  const i = process.argv.findIndex((a) => names.includes(a));
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dev = process.argv.includes("--dev");
const port = Number(arg(["-p", "--port"]) ?? process.env.PORT ?? 3000);
process.env.PORT = String(port);
const e = checkEnvOrExit();
const requestedHost = arg(["-H", "--hostname"]);
if (e.loopbackOnly && requestedHost && !isLoopbackAddress(requestedHost)) {
  console.error(
    `\nThe studio has a real PIXAZO_API_KEY and no STUDIO_PASSWORD, so it listens on loopback only ` +
      `(asked for ${requestedHost}). Set STUDIO_PASSWORD to serve other machines.\n`,
  );
  process.exit(1);
}
const hostname = requestedHost ?? (e.loopbackOnly ? "127.0.0.1" : "0.0.0.0");

async function main() {
  // Next builds the request URLs the app sees from this name: a wildcard address is no name a
  // browser or the mounted sandbox's links can use, so the app is told "localhost" then.
  const app = next({ dev, hostname: hostname === "0.0.0.0" ? "localhost" : hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createStudioServer(e, handle);
  server.listen(port, hostname, () => {
    console.log(
      `[studio] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`,
    );
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
