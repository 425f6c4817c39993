// A throwaway PostgreSQL server for tests: its own data folder under the system's temp folder,
// listening on loopback only at a free port, stopped and deleted afterwards. Uses Debian's
// binaries (/usr/lib/postgresql/<version>/bin) or initdb and pg_ctl on PATH. As root, the
// server runs as the `postgres` user, since PostgreSQL refuses to run as root.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface PostgresServer {
  /** The maintenance database `postgres` as the superuser, over TCP with a password. */
  url: string;
  dir: string;
  stop(): Promise<void>;
}

function binDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, "bin/initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return path.join(base, versions[0], "bin");
  try {
    return path.dirname(
      execFileSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).trim(),
    );
  } catch {
    throw new Error(
      "No PostgreSQL server binaries (initdb, pg_ctl) found: install Debian's `postgresql` package " +
        "(apt-get install -y postgresql), or put initdb on PATH.",
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-pg-"));
  const data = path.join(dir, "data");
  const password = randomBytes(18).toString("hex");
  fs.writeFileSync(path.join(dir, "pwfile"), `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    fs.chownSync(dir, uid, gid);
    fs.chownSync(path.join(dir, "pwfile"), uid, gid);
  }
  const run = (args: string[]) => {
    const command = args.map(quote).join(" ");
    try {
      if (asRoot)
        execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", command], { stdio: "pipe" });
      else execFileSync("sh", ["-c", command], { stdio: "pipe" });
    } catch (err) {
      const e = err as { stderr?: Buffer; stdout?: Buffer };
      const log = path.join(dir, "server.log");
      throw new Error(
        `${command} failed:\n${e.stderr ?? ""}${e.stdout ?? ""}` +
          (fs.existsSync(log) ? `\nserver log:\n${fs.readFileSync(log, "utf8")}` : ""),
      );
    }
  };

  run([
    path.join(bin, "initdb"),
    "-D",
    data,
    "-U",
    "postgres",
    `--pwfile=${path.join(dir, "pwfile")}`,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  const port = await freePort();
  // Durability is not wanted from a server that is deleted at the end; speed is.
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
  ].join(" ");
  run([
    path.join(bin, "pg_ctl"),
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-o",
    options,
    "-w",
    "start",
  ]);

  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    dir,
    async stop() {
      try {
        run([path.join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
