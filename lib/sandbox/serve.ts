// Runs the sandbox gateway as its own HTTP server (for tests that inject faults, benchmarks,
// or a studio pointed at it with PIXAZO_GATEWAY_URL).
import http from "node:http";
import { createSandbox, type SandboxOptions } from "./server";

export async function serveSandbox(
  opts: Omit<SandboxOptions, "prefix"> & { port?: number },
): Promise<{ url: string; close: () => Promise<void>; sandbox: ReturnType<typeof createSandbox> }> {
  const sandbox = createSandbox({ ...opts, prefix: "" });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = `http://${req.headers.host}${req.url}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string") headers.set(k, v);
    }
    const body = chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
    const answer = await sandbox.handle(new Request(url, { method: req.method, headers, body }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sandbox,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
