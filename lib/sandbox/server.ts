import "server-only";
// The sandbox gateway: a local server of the Pixazo protocol that makes real images and meshes.
// It is reached over HTTP like the real gateway (mounted at /sandbox by the studio, or run as
// its own process by lib/sandbox/serve.ts). State lives in files, and a request's state is a
// function of the time since it was accepted, so the sandbox survives restarts of its process.
// This module only wires the parts together: records, outputs, webhooks and routes.
import path from "node:path";
import { createOutputs } from "./outputs";
import { createRecords } from "./records";
import { createRoutes, type SandboxStats } from "./routes";
import { createWebhooks } from "./webhooks";

export interface SandboxOptions {
  /** Folder for request records and made media. */
  dir: string;
  /** The key a caller must present in Ocp-Apim-Subscription-Key. */
  apiKey: string;
  /** Path prefix the sandbox is mounted under, e.g. "/sandbox" (or "" when standalone). */
  prefix: string;
  /** 1 = the normal few seconds; 10 = ten times faster. */
  speed: number;
  /** Fraction of status reads that answer 429, 500 or truncated JSON. */
  faultRate: number;
  /** Hosts the sandbox may fetch from although private (the studio serving input images). */
  allowHosts: string[];
  now?: () => number;
  random?: () => number;
}

export function createSandbox(opts: SandboxOptions) {
  const now = opts.now ?? Date.now;
  const stats: SandboxStats = {
    submits: 0,
    statusReads: 0,
    faults: 0,
    webhooks: 0,
    retryAfter: [],
  };
  const records = createRecords(path.join(opts.dir, "requests"));
  const outputs = createOutputs({
    dir: path.join(opts.dir, "media"),
    allowHosts: opts.allowHosts,
    now,
    save: records.save,
  });
  const webhooks = createWebhooks({
    records,
    outputs,
    prefix: opts.prefix,
    allowHosts: opts.allowHosts,
    now,
    stats,
  });
  const handle = createRoutes({
    prefix: opts.prefix,
    apiKey: opts.apiKey,
    speed: opts.speed,
    faultRate: opts.faultRate,
    now,
    random: opts.random ?? Math.random,
    records,
    outputs,
    webhooks,
    stats,
  });
  return { handle, resume: webhooks.resume, stats };
}
