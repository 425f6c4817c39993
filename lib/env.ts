// The only reader of process.env: parses the studio's configuration once, with zod, and stops
// start-up with a message naming the variable when something is wrong. Longer than ~300 lines
// on purpose: every setting, its check and its default sit in this one place.
import { randomBytes } from "node:crypto";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { createFileOnce } from "./files/atomic";
import { DOWNLOAD_GIVE_UP_AFTER_MS } from "./jobs/retry-policy";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** A number from an environment string; blank counts as unset. */
const numberEnv = (n: z.ZodNumber) =>
  optionalString.transform((v) => (v === undefined ? undefined : Number(v))).pipe(n.optional());

/** true/false (also 1/0, yes/no); blank counts as unset. */
const booleanEnv = optionalString
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no"], "must be true or false").optional())
  .transform((v) => (v === undefined ? undefined : ["true", "1", "yes"].includes(v)));

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
  MEDIA_STORE: optionalString,
  S3_ENDPOINT: optionalString.pipe(httpUrl.optional()),
  S3_REGION: optionalString.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/, "must be a region name such as us-east-1")
      .optional(),
  ),
  S3_FORCE_PATH_STYLE: booleanEnv,
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
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
  SESSION_SECRET: optionalString.pipe(
    z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional(),
  ),
  TRUSTED_PROXY_HOPS: numberEnv(z.number().int().min(0).max(10)),
  UPLOAD_QUOTA_MB: numberEnv(z.number().int().min(1).max(10_000_000)),
  DOWNLOAD_GIVE_UP_AFTER_MS: numberEnv(
    z
      .number()
      .int()
      .min(1000)
      .max(30 * 24 * 3600 * 1000),
  ),
  EXPORT_CONCURRENCY: numberEnv(z.number().int().min(1).max(16)),
  EXPORT_MAX_MB_PER_OUTPUT: numberEnv(z.number().int().min(1).max(1_000_000)),
});

export type GatewayMode = "pixazo" | "sandbox";

/** An S3-compatible bucket for the media store, from MEDIA_STORE=s3://bucket/prefix. */
export interface S3Settings {
  bucket: string;
  /** "" or a folder ending in "/". */
  prefix: string;
  /** Unset for AWS S3 itself. */
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's default chain (instance role, profile...). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

export type MediaStoreSettings = { kind: "local"; dir: string } | ({ kind: "s3" } & S3Settings);

export interface StudioEnv {
  nodeEnv: "development" | "production" | "test";
  mode: GatewayMode;
  apiKey: string;
  gatewayUrl: string;
  databaseUrl: string;
  mediaDir: string;
  /** Where media files are kept: the local folder (mediaDir, the default) or a bucket. */
  mediaStore: MediaStoreSettings;
  dataDir: string;
  publicBaseUrl: string | undefined;
  internalBaseUrl: string;
  port: number;
  password: string | undefined;
  maxInFlight: number;
  sandbox: { speed: number; faultRate: number; dir: string };
  instance: string | undefined;
  /** Signs session cookies; shared by every process of one studio. Unset: a per-folder file. */
  sessionSecret: string | undefined;
  /** How many proxies in front of the studio append to X-Forwarded-For; 0 trusts none. */
  trustedProxyHops: number;
  /** A real key and no password: the studio listens on loopback only and checks Host. */
  loopbackOnly: boolean;
  /** Host names the studio answers to besides loopback names (from PUBLIC_BASE_URL). */
  allowedHosts: string[];
  /** Total bytes uploads may take in the media store. */
  uploadQuotaBytes: number;
  /** How long after its first failure an output's download is still tried (a day). */
  downloadGiveUpAfterMs: number;
  /** Mesh exports computed at once (each in a worker thread); more get a "busy" answer. */
  exportConcurrency: number;
  /** Bytes of exports kept per output: the oldest make way for a new one; one bigger is refused. */
  exportMaxBytesPerOutput: number;
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

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_PART = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function mediaStoreFrom(e: z.infer<typeof schema>, mediaDir: string): MediaStoreSettings {
  const fail = (name: string, message: string) =>
    new ConfigError(`Invalid studio configuration:\n  ${name}: ${message}`);
  const value = e.MEDIA_STORE;
  if (value === undefined || value === "local") return { kind: "local", dir: mediaDir };
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(value);
  if (!m)
    throw fail("MEDIA_STORE", "must be s3://bucket/prefix, or unset to keep media in MEDIA_DIR");
  const [, bucket, rawPrefix] = m;
  if (!BUCKET.test(bucket) || bucket.includes("..")) {
    throw fail(
      "MEDIA_STORE",
      `"${bucket}" is not a valid bucket name (3-63 lowercase letters, digits, dots, hyphens)`,
    );
  }
  const parts = rawPrefix.split("/").filter(Boolean);
  if (!parts.every((p) => PREFIX_PART.test(p) && p !== "..")) {
    throw fail(
      "MEDIA_STORE",
      `the prefix "${rawPrefix}" may hold only letters, digits, _ . - and /`,
    );
  }
  if (e.S3_ENDPOINT && !secureEnough(e.S3_ENDPOINT)) {
    throw fail(
      "S3_ENDPOINT",
      "plain http is allowed only for a loopback or private host; use https",
    );
  }
  if (Boolean(e.AWS_ACCESS_KEY_ID) !== Boolean(e.AWS_SECRET_ACCESS_KEY)) {
    throw fail(
      e.AWS_ACCESS_KEY_ID ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID",
      "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (to use the AWS default credentials)",
    );
  }
  return {
    kind: "s3",
    bucket,
    prefix: parts.length ? `${parts.join("/")}/` : "",
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION ?? "us-east-1",
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? false,
    credentials:
      e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: e.AWS_ACCESS_KEY_ID,
            secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
            ...(e.AWS_SESSION_TOKEN && { sessionToken: e.AWS_SESSION_TOKEN }),
          }
        : undefined,
  };
}

/** What is wrong with a postgresql:// DATABASE_URL, without repeating it (it holds a password). */
function postgresUrlProblem(url: string): string | undefined {
  if (!/^postgres(ql)?:\/\//.test(url)) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "is not a valid URL (postgresql://user:password@host:5432/database; percent-encode special characters in the password)";
  }
  const schema = u.searchParams.get("schema");
  if (schema && schema !== "public") {
    return `?schema=${schema} is not supported: the studio's tables live in the public schema, so give the studio a database of its own`;
  }
  return undefined;
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
  const mediaDir = path.resolve(
    /*turbopackIgnore: true*/ e.MEDIA_DIR ?? path.join(dataDir, "media"),
  );
  const mediaStore = mediaStoreFrom(e, mediaDir);
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "studio.db")}`;
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(
      "Invalid studio configuration:\n  DATABASE_URL: must start with file: (SQLite) or postgresql://",
    );
  }
  const postgresProblem = postgresUrlProblem(databaseUrl);
  if (postgresProblem) {
    throw new ConfigError(`Invalid studio configuration:\n  DATABASE_URL: ${postgresProblem}`);
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
    mediaDir,
    mediaStore,
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
    sessionSecret: e.SESSION_SECRET,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    loopbackOnly: mode === "pixazo" && !e.STUDIO_PASSWORD,
    allowedHosts: e.PUBLIC_BASE_URL ? [new URL(e.PUBLIC_BASE_URL).host] : [],
    uploadQuotaBytes: (e.UPLOAD_QUOTA_MB ?? 2048) * 1024 * 1024,
    downloadGiveUpAfterMs: e.DOWNLOAD_GIVE_UP_AFTER_MS ?? DOWNLOAD_GIVE_UP_AFTER_MS,
    exportConcurrency: e.EXPORT_CONCURRENCY ?? 1,
    exportMaxBytesPerOutput: (e.EXPORT_MAX_MB_PER_OUTPUT ?? 512) * 1024 * 1024,
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
