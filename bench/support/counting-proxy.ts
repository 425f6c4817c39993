// A pass-through HTTP proxy in front of a sandbox gateway that counts, per request id, what a
// studio asked of it: submits, status reads and media downloads. The sandbox builds its links
// from the Host header, which is passed through, so polling and media URLs lead back here.
import http from "node:http";
import type { Scope } from "./scope";

export interface RequestCounts {
  submits: number;
  statusReads: number;
  downloads: number;
}

export interface CountingProxy {
  url: string;
  /** Per gateway request id. */
  counts: Map<string, RequestCounts>;
  totals: RequestCounts;
}

export async function startCountingProxy(scope: Scope, target: string): Promise<CountingProxy> {
  const to = new URL(target);
  const counts = new Map<string, RequestCounts>();
  const totals: RequestCounts = { submits: 0, statusReads: 0, downloads: 0 };
  const of = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { submits: 0, statusReads: 0, downloads: 0 }));
    return c;
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = req.url ?? "/";
    const status = /^\/v2\/requests\/status\/([^/?]+)/.exec(path);
    const media = /^\/media\/v1\/([^/?]+)\//.exec(path);
    if (req.method === "GET" && status) {
      totals.statusReads++;
      of(decodeURIComponent(status[1])).statusReads++;
    } else if (req.method === "GET" && media) {
      totals.downloads++;
      of(media[1]).downloads++;
    }
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path, headers: req.headers },
      (answer) => {
        const body: Buffer[] = [];
        answer.on("data", (c: Buffer) => body.push(c));
        answer.on("end", () => {
          const bytes = Buffer.concat(body);
          if (req.method === "POST" && answer.statusCode === 202) {
            totals.submits++;
            try {
              of((JSON.parse(bytes.toString()) as { request_id: string }).request_id).submits++;
            } catch {
              // not a submit answer after all
            }
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(bytes);
        });
      },
    );
    upstream.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(Buffer.concat(chunks));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  scope.defer("close counting proxy", () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r(undefined)));
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, counts, totals };
}
