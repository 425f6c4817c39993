// For tests: an S3-compatible server (s3rver) on a free loopback port, in a child process.
// A child because s3rver's list paging uses DES, which Node 20 offers only with OpenSSL's
// legacy provider, and that can only be turned on when a process starts.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";


export interface S3rverProcess {
  endpoint: string;
  /** s3rver accepts only this access key id (and any secret). */
  accessKeyId: "S3RVER";
  stop(): Promise<void>;
}

export async function startS3rver(buckets: string[]): Promise<S3rverProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-s3rver-"));
  // Resolved from the project folder, so this module loads the same under Vitest (ESM) and
  // Playwright (CommonJS).
  const bin = path.join(process.cwd(), "node_modules/s3rver/bin/s3rver.js");
  const args = [bin, "-d", dir, "-a", "127.0.0.1", "-p", "0", "--silent"];
  for (const b of buckets) args.push("--configure-bucket", b);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NODE_OPTIONS: "--openssl-legacy-provider" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`s3rver did not start: ${out}`)), 15_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(err);
    };
    const onExit = (code: number | null) => fail(new Error(`s3rver exited (${code}): ${out}`));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on [^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", onExit);
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: "S3RVER",
    stop: () => stop(child, dir),
  };
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
