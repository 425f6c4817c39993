// Which addresses and hosts an outbound fetch may reach. Pure functions, no I/O.
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * The ipaddr.js range name of an address, after unwrapping IPv4-mapped IPv6. Only "unicast"
 * is public. Returns "invalid" for anything Node itself would not accept as an IP literal.
 */
export function classifyAddress(ip: string): string {
  // Node's own check, so we classify exactly the strings the socket would treat as addresses
  // (ipaddr.js alone also accepts forms like "010.0.0.1" and reads them differently).
  const family = isIP(ip);
  if (family === 4) return ipaddr.IPv4.parse(ip).range();
  if (family !== 6) return "invalid";
  // A zone id only ever scopes a link-local or otherwise non-global address.
  if (ip.includes("%")) return "scoped";

  let v6: ipaddr.IPv6;
  try {
    // ipaddr.js reads "::1.2.3.4" as IPv4-mapped; the WHATWG parser gets it right (::102:304).
    v6 = ipaddr.IPv6.parse(new URL(`http://[${ip}]/`).hostname.slice(1, -1));
  } catch {
    return "invalid";
  }
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range();
  const range = v6.range();
  // Deprecated IPv4-compatible ::a.b.c.d, which ipaddr.js leaves as "unicast".
  if (range === "unicast" && v6.parts.slice(0, 6).every((part) => part === 0)) {
    return "ipv4Compatible";
  }
  return range;
}

/**
 * True only for globally routable unicast addresses. NAT64, 6to4 and Teredo addresses are
 * refused outright rather than unwrapped: they can embed private IPv4 and are rare on the web.
 */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === "unicast";
}

export interface HostPattern {
  /** As `URL.hostname` writes it: lower case, punycode, IPv6 in brackets, no trailing dot. */
  host: string;
  /** null matches only the default port of the URL's scheme. */
  port: number | null;
}

const ENTRY_HOST_CHARS = /^[^\s/?#@\\[\]]+$/;

function normaliseHost(host: string): string {
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

/** Parses an allow-list entry: "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6. */
export function parseHostPattern(entry: string): HostPattern {
  const trimmed = entry.trim();
  let host: string;
  let port: string | undefined;

  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) {
    host = `[${bracketed[1]}]`;
    port = bracketed[2];
  } else {
    const colons = trimmed.split(":").length - 1;
    if (colons > 1) {
      host = `[${trimmed}]`;
    } else if (colons === 1) {
      [host, port] = trimmed.split(":");
      if (!/^\d+$/.test(port)) throw new TypeError(`Invalid port in allowed host "${entry}"`);
    } else {
      host = trimmed;
    }
    if (!ENTRY_HOST_CHARS.test(host.replace(/^\[|\]$/g, ""))) {
      throw new TypeError(`Invalid allowed host "${entry}"`);
    }
  }

  let hostname: string;
  try {
    // The URL parser applies the same normalisation (case, IDNA, numeric IPv4) as requests get.
    hostname = new URL(`http://${host}/`).hostname;
  } catch {
    throw new TypeError(`Invalid allowed host "${entry}"`);
  }
  const portNumber = port === undefined ? null : Number(port);
  if (portNumber !== null && (portNumber < 1 || portNumber > 65535)) {
    throw new TypeError(`Invalid port in allowed host "${entry}"`);
  }
  return { host: normaliseHost(hostname), port: portNumber };
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

export function matchesHostPattern(url: URL, patterns: readonly HostPattern[]): boolean {
  const host = normaliseHost(url.hostname);
  const port = effectivePort(url);
  const defaultPort = url.protocol === "https:" ? 443 : 80;
  return patterns.some(
    (pattern) => pattern.host === host && (pattern.port ?? defaultPort) === port,
  );
}
