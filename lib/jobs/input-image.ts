import "server-only";
// Finds a URL the gateway can fetch for a 3D job's input image: the output's original media
// URL while it still answers, otherwise the studio's own unguessable URL for the file under
// PUBLIC_BASE_URL (or, in sandbox mode, the studio's local address). A private PUBLIC_BASE_URL
// is refused only when the gateway is public: a gateway or proxy on the studio's own network
// may well reach it.
import { lookup } from "node:dns/promises";
import { env } from "@/lib/env";
import { findOutput, findUpload } from "@/lib/db/outputs";
import { statMedia } from "@/lib/media/store";
import { guardedFetch, isPublicAddress } from "@/lib/net/guarded-fetch";
import { callbackBaseUrl } from "@/lib/gateway/configured";

export class InputImageError extends Error {}

export interface InputRef {
  inputOutputId?: string | null;
  inputUploadId?: string | null;
}

/** Where a URL's host is: every address public, every address private or loopback, or neither. */
export type HostReach = "public" | "private" | "unknown";

/** Resolves a URL's host (with a time limit) and says whether its addresses are public. */
export async function hostReach(url: string): Promise<HostReach> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  try {
    const addrs = /^[\d.]+$|:/.test(host)
      ? [{ address: host }]
      : await Promise.race([
          lookup(host, { all: true }),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error("DNS timeout")), 5000),
          ),
        ]);
    if (addrs.length === 0) return "unknown";
    if (addrs.every((a) => isPublicAddress(a.address))) return "public";
    if (addrs.every((a) => !isPublicAddress(a.address))) return "private";
    return "unknown";
  } catch {
    return "unknown";
  }
}

export type BaseVerdict =
  { verdict: "ok" } | { verdict: "warn"; message: string } | { verdict: "refuse"; message: string };

/**
 * Whether the gateway can be given PUBLIC_BASE_URL to fetch input images from. A studio that is
 * not certainly public is refused only when the gateway may be public (an unresolvable gateway
 * counts as public); a gateway on a private or loopback address may share its network.
 */
export function publicBaseVerdict(args: {
  publicBaseUrl: string;
  studio: HostReach;
  gatewayUrl: string;
  gateway: HostReach;
}): BaseVerdict {
  if (args.studio === "public") return { verdict: "ok" };
  if (args.gateway !== "private") {
    return {
      verdict: "refuse",
      message: `The gateway cannot fetch this image: PUBLIC_BASE_URL (${args.publicBaseUrl}) points at a private address. Set it to an address the internet can reach, then try again.`,
    };
  }
  return {
    verdict: "warn",
    message: `PUBLIC_BASE_URL (${args.publicBaseUrl}) is not a public address; it is used for 3D input images because the gateway (${args.gatewayUrl}) is on a private network too. The gateway must be able to reach it.`,
  };
}

const warned = new Set<string>();

/** Throws an InputImageError that says how to fix things when the gateway cannot reach us. */
export async function ownBaseForGateway(): Promise<string> {
  const e = env();
  const base = callbackBaseUrl();
  if (e.mode === "sandbox" && base) return base;
  if (!e.publicBaseUrl) {
    throw new InputImageError(
      "The gateway cannot fetch this image: set PUBLIC_BASE_URL to an address of this studio that the internet can reach (for example https://studio.example.com), then try again.",
    );
  }
  const studio = await hostReach(e.publicBaseUrl);
  const v = publicBaseVerdict({
    publicBaseUrl: e.publicBaseUrl,
    studio,
    gatewayUrl: e.gatewayUrl,
    // Where the gateway is matters only for a studio that is not public.
    gateway: studio === "public" ? "public" : await hostReach(e.gatewayUrl),
  });
  if (v.verdict === "refuse") throw new InputImageError(v.message);
  if (v.verdict === "warn") {
    const key = `${e.publicBaseUrl} ${e.gatewayUrl}`;
    if (!warned.has(key)) {
      warned.add(key);
      console.warn(`[input-image] ${v.message}`);
    }
  }
  return e.publicBaseUrl;
}

/** Checks the input exists and is usable; returns where its file lives. */
export async function checkInput(
  ref: InputRef,
): Promise<{ mediaKey: string; token: string; sourceUrl: string | null }> {
  if (ref.inputOutputId) {
    const out = await findOutput(ref.inputOutputId);
    if (!out || out.job.kind !== "image")
      throw new InputImageError("That gallery image does not exist.");
    if (out.state !== "STORED" || !out.mediaKey) {
      throw new InputImageError(
        "That gallery image has not been saved yet; wait for it to finish.",
      );
    }
    if (!(await statMedia(out.mediaKey))) {
      throw new InputImageError(
        "That gallery image's file is missing from the media store, so it cannot be turned into 3D.",
      );
    }
    return {
      mediaKey: out.mediaKey,
      token: out.publicToken,
      sourceUrl: out.sourceUrl.startsWith("data:") ? null : out.sourceUrl,
    };
  }
  if (ref.inputUploadId) {
    const up = await findUpload(ref.inputUploadId);
    if (!up) throw new InputImageError("That uploaded image does not exist.");
    if (!(await statMedia(up.mediaKey)))
      throw new InputImageError("That uploaded image's file is missing.");
    return { mediaKey: up.mediaKey, token: up.publicToken, sourceUrl: null };
  }
  throw new InputImageError("Choose an input image: a gallery image or an upload.");
}

export async function resolveInputImageUrl(ref: InputRef): Promise<string> {
  const input = await checkInput(ref);
  if (input.sourceUrl && env().mode === "pixazo") {
    try {
      const res = await guardedFetch(input.sourceUrl, {
        method: "HEAD",
        timeoutMs: 10_000,
        maxBytes: 1024,
        httpsOnlyForPublic: true,
      });
      if (res.status === 200) return input.sourceUrl;
    } catch {
      // Expired or unreachable: fall back to the studio's own copy.
    }
  }
  const base = await ownBaseForGateway();
  return `${base}/media/public/${input.token}`;
}
