// The one way to fetch a URL that came from outside (gateway answers, user input): public
// addresses only, checked at connect time, with hard caps on time, size and redirects.
import "server-only";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import {
  classifyAddress,
  isPublicAddress,
  matchesHostPattern,
  parseHostPattern,
  type HostPattern,
} from "./address-policy";
import { BlockedUrlError, FetchLimitError } from "./errors";
import { createGuardedLookup, systemResolver, type Resolver } from "./guarded-lookup";

export { BlockedUrlError, FetchLimitError, isPublicAddress };
export type { ResolvedAddress, Resolver } from "./guarded-lookup";

export interface GuardedFetchOptions {
  method?: "GET" | "HEAD" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Total budget: every hop's connect, headers and body. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** "host" or "host:port" entries that may be private, e.g. the configured gateway. */
  allowHosts?: string[];
  /** Require https for everything that is not allow-listed. */
  httpsOnlyForPublic?: boolean;
  /** Header names dropped once a redirect leaves the original origin. */
  sensitiveHeaders?: string[];
  signal?: AbortSignal;
  resolver?: Resolver;
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The URL of the final hop, after redirects. */
  url: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ALWAYS_SENSITIVE = ["authorization", "cookie", "proxy-authorization"];
// Derived from the URL and body on every hop; a caller's value would be stale after a redirect.
const MANAGED_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection"]);

interface Hop {
  url: URL;
  /** Hostname as the socket wants it: IPv6 without brackets. */
  host: string;
  allowListed: boolean;
}

interface Policy {
  allowHosts: HostPattern[];
  httpsOnlyForPublic: boolean;
}

function checkUrl(url: URL, policy: Policy): Hop {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BlockedUrlError("scheme", `Refused ${url.protocol} URL: only http and https`);
  }
  if (url.username || url.password) {
    throw new BlockedUrlError("credentials", "Refused URL with embedded credentials");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowListed = matchesHostPattern(url, policy.allowHosts);
  if (!allowListed && policy.httpsOnlyForPublic && url.protocol !== "https:") {
    throw new BlockedUrlError("https-required", `Refused plain http to ${url.host}`);
  }
  // Node connects to IP literals without calling lookup, so they are checked here instead.
  if (!allowListed && isIP(host) && !isPublicAddress(host)) {
    throw new BlockedUrlError(
      "address",
      `Refused to connect to ${host} (${classifyAddress(host)})`,
    );
  }
  return { url, host, allowListed };
}

function parseUrl(raw: string, base?: URL): URL {
  try {
    return new URL(raw, base);
  } catch {
    throw new BlockedUrlError("invalid-url", "Refused malformed URL");
  }
}

function assertOptions(opts: GuardedFetchOptions): void {
  if (!(opts.timeoutMs > 0) || !Number.isFinite(opts.timeoutMs)) {
    throw new TypeError("timeoutMs must be a positive number");
  }
  if (!Number.isInteger(opts.maxBytes) || opts.maxBytes < 0) {
    throw new TypeError("maxBytes must be a non-negative integer");
  }
  const maxRedirects = opts.maxRedirects ?? 3;
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0) {
    throw new TypeError("maxRedirects must be a non-negative integer");
  }
  if (opts.body !== undefined && opts.method !== "POST") {
    throw new TypeError("A body needs method POST");
  }
}

function send(
  hop: Hop,
  request: { method: string; headers: Record<string, string>; body?: string | Buffer },
  resolver: Resolver,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = hop.url.protocol === "https:" ? https : http;
    const headers = { ...request.headers };
    if (request.body !== undefined) {
      headers["content-length"] = String(Buffer.byteLength(request.body));
    }
    const req = transport.request({
      protocol: hop.url.protocol,
      hostname: hop.host,
      port: hop.url.port || undefined,
      path: `${hop.url.pathname}${hop.url.search}`,
      method: request.method,
      headers,
      // A fresh agent per request: no pooled socket skips the lookup check.
      agent: false,
      lookup: createGuardedLookup(resolver, !hop.allowListed),
    });
    const onAbort = () => req.destroy(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    req.once("response", (res) => {
      signal.removeEventListener("abort", onAbort);
      resolve(res);
    });
    req.on("error", (error) => {
      signal.removeEventListener("abort", onAbort);
      reject(signal.aborted ? signal.reason : error);
    });
    req.end(request.body);
  });
}

function readBody(
  res: IncomingMessage,
  maxBytes: number,
  enforceDeclaredLength: boolean,
  signal: AbortSignal,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: unknown, body?: Buffer) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if (error === undefined) {
        resolve(body!);
      } else {
        res.destroy();
        reject(error);
      }
    };
    const onAbort = () => finish(signal.reason);
    const tooLarge = () =>
      new FetchLimitError("size", `Response body exceeds the ${maxBytes}-byte limit`);

    if (signal.aborted) return finish(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });

    // A HEAD answer's Content-Length describes a body that is not sent.
    const declared = Number(res.headers["content-length"]);
    if (enforceDeclaredLength && Number.isFinite(declared) && declared > maxBytes) {
      return finish(tooLarge());
    }
    res.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(tooLarge());
      chunks.push(chunk);
    });
    res.once("end", () => finish(undefined, Buffer.concat(chunks, size)));
    res.once("error", (error) => finish(error));
    res.once("close", () => finish(new Error("Response closed before the body ended")));
  });
}

export async function guardedFetch(
  url: string,
  opts: GuardedFetchOptions,
): Promise<GuardedResponse> {
  assertOptions(opts);
  const policy: Policy = {
    allowHosts: (opts.allowHosts ?? []).map(parseHostPattern),
    httpsOnlyForPublic: opts.httpsOnlyForPublic ?? false,
  };
  const resolver = opts.resolver ?? systemResolver;
  const maxRedirects = opts.maxRedirects ?? 3;
  const sensitive = new Set(
    [...ALWAYS_SENSITIVE, ...(opts.sensitiveHeaders ?? [])].map((name) => name.toLowerCase()),
  );

  let method: string = opts.method ?? "GET";
  let body = opts.body;
  let headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    if (!MANAGED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }

  if (opts.signal?.aborted) throw opts.signal.reason;
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new FetchLimitError("timeout", `Fetch timed out after ${opts.timeoutMs} ms`),
      ),
    opts.timeoutMs,
  );
  const onExternalAbort = () => controller.abort(opts.signal!.reason);
  opts.signal?.addEventListener("abort", onExternalAbort, { once: true });

  try {
    let hop = checkUrl(parseUrl(url), policy);
    const origin = hop.url.origin;
    for (let redirects = 0; ; redirects++) {
      if (controller.signal.aborted) throw controller.signal.reason;
      // Once the chain has left the first origin, secrets stay dropped even if it comes back.
      if (hop.url.origin !== origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([n]) => !sensitive.has(n)));
      }

      const res = await send(hop, { method, headers, body }, resolver, controller.signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;

      if (REDIRECT_STATUSES.has(status) && location) {
        res.destroy();
        if (redirects >= maxRedirects) {
          throw new BlockedUrlError(
            "too-many-redirects",
            `Refused to follow more than ${maxRedirects} redirects`,
          );
        }
        if ((status === 303 && method !== "HEAD") || (status <= 302 && method === "POST")) {
          method = "GET";
          body = undefined;
          delete headers["content-type"];
        }
        hop = checkUrl(parseUrl(location, hop.url), policy);
        continue;
      }

      return {
        status,
        headers: res.headers,
        body: await readBody(res, opts.maxBytes, method !== "HEAD", controller.signal),
        url: hop.url.href,
      };
    }
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onExternalAbort);
  }
}
