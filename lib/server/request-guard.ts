// What the studio's HTTP server decides before Next sees a request: who the client is (the
// socket's address, or the hop a trusted proxy names) and whether the Host is one the studio
// answers to. The results travel to the app in headers of its own, which a client cannot set.

/** Set by the studio's server on every request; any copy sent by a client is dropped. */
export const CLIENT_ADDRESS_HEADER = "x-studio-client-address";
export const CLIENT_PROTO_HEADER = "x-studio-client-proto";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * The client's address. With no trusted proxy it is the socket's peer, whatever headers say.
 * Behind `hops` proxies, each appends the address it saw to X-Forwarded-For, so the client is
 * the `hops`-th entry from the right; anything left of it was written by the client itself.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const peer = normalize(socketAddress ?? "") || "unknown";
  if (trustedHops <= 0) return peer;
  const list = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = list[list.length - trustedHops];
  return entry ? normalize(entry) : peer;
}

/** https only when a trusted proxy says so (the studio itself serves plain http). */
export function clientProto(
  encrypted: boolean,
  forwardedProto: string | string[] | undefined,
  trustedHops: number,
): "http" | "https" {
  if (encrypted) return "https";
  if (trustedHops <= 0) return "http";
  const list = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : (forwardedProto ?? ""))
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return list[list.length - 1] === "https" ? "https" : "http";
}

function normalize(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

function hostnameOf(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.split(":")[0];
}

/** Whether a Host header names the studio: a loopback name or one the operator configured. */
export function hostAllowed(host: string | undefined, configured: readonly string[]): boolean {
  if (!host) return false;
  const name = hostnameOf(host.trim().toLowerCase());
  if (LOOPBACK_NAMES.has(name) || name.endsWith(".localhost")) return true;
  return configured.some((c) => hostnameOf(c.toLowerCase()) === name);
}

export function isLoopbackAddress(address: string): boolean {
  const a = normalize(address);
  return a === "localhost" || a === "::1" || a.startsWith("127.");
}
