// The studio's HTTP server around Next's request handler: refuses a Host that is not the
// studio's when it must (a real key and no password), and tells the app who the client is in
// headers that no client can set.
import http from "node:http";
import type { StudioEnv } from "@/lib/env";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_PROTO_HEADER,
  clientAddress,
  clientProto,
  hostAllowed,
} from "./request-guard";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
type Settings = Pick<StudioEnv, "loopbackOnly" | "allowedHosts" | "trustedProxyHops">;

export function createStudioServer(settings: Settings, handle: Handler): http.Server {
  return http.createServer((req, res) => {
    if (settings.loopbackOnly && !hostAllowed(req.headers.host, settings.allowedHosts)) {
      res.writeHead(421, { "content-type": "text/plain; charset=utf-8" });
      res.end("This studio answers only to its own address.");
      return;
    }
    const hops = settings.trustedProxyHops;
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      hops,
    );
    req.headers[CLIENT_PROTO_HEADER] = clientProto(
      "encrypted" in req.socket && Boolean(req.socket.encrypted),
      req.headers["x-forwarded-proto"],
      hops,
    );
    if (hops === 0) {
      // Nothing in front of the studio: forwarding headers can only have come from the client.
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-host"];
    }
    void handle(req, res);
  });
}
