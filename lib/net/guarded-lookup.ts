// The socket-level DNS hook: the address checked here is the address the socket connects to,
// so a name cannot resolve public for the check and private for the connection.
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { classifyAddress } from "./address-policy";
import { BlockedUrlError } from "./errors";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) => {
  const answers = await dnsLookup(host, { all: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * Resolves a name and vets every answer: if any is not public (and the host is not
 * allow-listed) the whole name is refused, since the socket may try any of them.
 */
export async function resolveChecked(
  host: string,
  resolver: Resolver,
  requirePublic: boolean,
): Promise<ResolvedAddress[]> {
  const answers = await resolver(host);
  if (answers.length === 0) {
    throw Object.assign(new Error(`No addresses found for ${host}`), {
      code: "ENOTFOUND",
      hostname: host,
    });
  }
  return answers.map(({ address }) => {
    // The family comes from the string itself, not from what the resolver claims.
    const family = isIP(address);
    const range = classifyAddress(address);
    if (family === 0 || (requirePublic && range !== "unicast")) {
      throw new BlockedUrlError(
        "address",
        `Refused to connect to ${host}: it resolves to ${address} (${range})`,
      );
    }
    return { address, family: family as 4 | 6 };
  });
}

function familyOf(family: number | "IPv4" | "IPv6" | undefined): 0 | 4 | 6 {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return 0;
}

/** A `lookup` for `net.connect` / `http.request` that only ever yields checked addresses. */
export function createGuardedLookup(resolver: Resolver, requirePublic: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, resolver, requirePublic).then(
      (checked) => {
        const wanted = familyOf(options.family);
        const usable = wanted ? checked.filter((entry) => entry.family === wanted) : checked;
        if (usable.length === 0) {
          const error = Object.assign(new Error(`No IPv${wanted} address for ${hostname}`), {
            code: "ENOTFOUND",
            hostname,
          });
          callback(error, "", undefined);
        } else if (options.all) {
          // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily).
          callback(null, usable);
        } else {
          callback(null, usable[0].address, usable[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, "", undefined),
    );
  };
}
