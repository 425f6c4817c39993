// The only reader of process.env: parses the studio's configuration once, with zod, and stops
// start-up with a message naming the variable when something is wrong.
import { randomBytes } from "node:crypto";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { createFileOnce } from "./files/atomic";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** A number from an environment string; blank counts as unset. */
const numberEnv = (n: z.ZodNumber) =>
  optionalString.transform((v) => (v === undefined ? undefined : Number(v))).pipe(n.optional());

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .transform((v) => v.replace(/\/+$/, ""));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PIXAZO_API_KEY: optionalString.pipe(
    z.string().min(8, "looks too short to be a Pixazo key").optional(),
  ),
  PIXAZO_GATEWAY_URL: optionalString.pipe(httpUrl.optional()),
  DATABASE_URL: optionalString,
  MEDIA_DIR: optionalString,
  PUBLIC_BASE_URL: optionalString.pipe(httpUrl.optional()),
  PORT: numberEnv(z.number().int().min(1).max(65535)),
  STUDIO_PASSWORD: optionalString.pipe(
    z.string().min(8, "must be at least 8 characters").optional(),
  ),
  GATEWAY_MAX_IN_FLIGHT: numberEnv(z.number().int().min(1).max(64)),
  SANDBOX_SPEED: numberEnv(z.number().positive().max(100)),
  SANDBOX_FAULT_RATE: numberEnv(z.number().min(0).max(1)),
  SANDBOX_DIR: optionalString,
  DATA_DIR: optionalString,
  STUDIO_INSTANCE: optionalString,
  TRUSTED_PROXY_HOPS: numberEnv(z.number().int().min(0).max(10)),
  UPLOAD_QUOTA_MB: numberEnv(z.number().int().min(1).max(10_000_000)),
});

export type GatewayMode = "pixazo" | "sandbox";

export interface StudioEnv {
  nodeEnv: "development" | "production" | "test";
  mode: GatewayMode;
  apiKey: string;
  gatewayUrl: string;
  databaseUrl: string;
  mediaDir: string;
  dataDir: string;
  publicBaseUrl: string | undefined;
  internalBaseUrl: string;
  port: number;
  password: string | undefined;
  maxInFlight: number;
  sandbox: { speed: number; faultRate: number; dir: string };
  instance: string | undefined;
  /** How many proxies in front of the studio append to X-Forwarded-For; 0 trusts none. */
  trustedProxyHops: number;
  /** A real key and no password: the studio listens on loopback only and checks Host. */
  loopbackOnly: boolean;
  /** Host names the studio answers to besides loopback names (from PUBLIC_BASE_URL). */
  allowedHosts: string[];
  /** Total bytes uploads may take in the media store. */
  uploadQuotaBytes: number;
}

export class ConfigError extends Error {}

/**
 * A secret kept in a file of the data folder, made on first use. It is written whole under a
 * temporary name and linked into place, so a second process never reads it half-written.
 */
export function persistentSecret(dataDir: string, name: string, make: () => string): string {
  return createFileOnce(path.join(dataDir, name), make);
}

const PRIVATE_NAME = /^(localhost|[a-z0-9-]+)$|\.(localhost|local|internal|lan|home\.arpa)$/i;

/** https, or http to a host that is loopback or on a private network. */
function secureEnough(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === "https:") return true;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host)) {
    const range = ipaddr.process(host).range();
    return ["loopback", "private", "uniqueLocal", "linkLocal", "carrierGradeNat"].includes(range);
  }
  return PRIVATE_NAME.test(host);
}

export function parseEnv(source: Record<string, string | undefined>): StudioEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid studio configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), e.DATA_DIR ?? "data");
  const port = e.PORT ?? 3000;
  const mode: GatewayMode = e.PIXAZO_API_KEY ? "pixazo" : "sandbox";
  const internalBaseUrl = `http://127.0.0.1:${port}`;
  if (mode === "pixazo" && e.NODE_ENV === "production" && !e.STUDIO_PASSWORD) {
    throw new ConfigError(
      "Invalid studio configuration:\n  STUDIO_PASSWORD: required when PIXAZO_API_KEY is set in production, " +
        "so that the paid key is not open to anyone who can reach the studio",
    );
  }
  if (e.PIXAZO_GATEWAY_URL && !secureEnough(e.PIXAZO_GATEWAY_URL)) {
    throw new ConfigError(
      "Invalid studio configuration:\n  PIXAZO_GATEWAY_URL: plain http is allowed only for a loopback or private host; " +
        "use https, so the key is never sent in the clear",
    );
  }
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "studio.db")}`;
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(
      "Invalid studio configuration:\n  DATABASE_URL: must start with file: (SQLite) or postgresql://",
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    mode,
    // Random per data folder, so the sandbox (which fetches URLs and does work) is not open
    // to anyone who can reach the studio.
    apiKey:
      e.PIXAZO_API_KEY ??
      persistentSecret(dataDir, "sandbox-key", () => `sandbox-${randomBytes(24).toString("hex")}`),
    gatewayUrl:
      e.PIXAZO_GATEWAY_URL ??
      (mode === "pixazo" ? "https://gateway.pixazo.ai" : `${internalBaseUrl}/sandbox`),
    databaseUrl,
    mediaDir: path.resolve(/*turbopackIgnore: true*/ e.MEDIA_DIR ?? path.join(dataDir, "media")),
    dataDir,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    internalBaseUrl,
    port,
    password: e.STUDIO_PASSWORD,
    maxInFlight: e.GATEWAY_MAX_IN_FLIGHT ?? 4,
    sandbox: {
      speed: e.SANDBOX_SPEED ?? 1,
      faultRate: e.SANDBOX_FAULT_RATE ?? 0,
      dir: path.resolve(/*turbopackIgnore: true*/ e.SANDBOX_DIR ?? path.join(dataDir, "sandbox")),
    },
    instance: e.STUDIO_INSTANCE,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    loopbackOnly: mode === "pixazo" && !e.STUDIO_PASSWORD,
    allowedHosts: e.PUBLIC_BASE_URL ? [new URL(e.PUBLIC_BASE_URL).host] : [],
    uploadQuotaBytes: (e.UPLOAD_QUOTA_MB ?? 2048) * 1024 * 1024,
  };
}

/**
 * For next.config.ts, which loads before the full check can run: the host of PUBLIC_BASE_URL
 * when it is a valid URL, which server actions then accept as an Origin besides the Host.
 */
export function publicHostFrom(source: Record<string, string | undefined>): string | undefined {
  try {
    return source.PUBLIC_BASE_URL ? new URL(source.PUBLIC_BASE_URL).host : undefined;
  } catch {
    return undefined;
  }
}

let cached: StudioEnv | undefined;

/** At start-up: prints what is wrong with the configuration and stops the process. */
export function checkEnvOrExit(): StudioEnv {
  try {
    return env();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export function env(): StudioEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
