import "server-only";
// The media store in a local folder (the default). Every write lands atomically (temporary
// file, fsync, rename), so a crash never leaves half a file behind under a real name.
import { constants, promises as fs } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { writeFileAtomic } from "@/lib/files/atomic";
import {
  checkKey,
  checkPrefix,
  MediaStoreError,
  type MediaStat,
  type MediaStore,
  type OpenedMedia,
} from "./types";

const missing = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
};

export class LocalStore implements MediaStore {
  readonly description: string;

  constructor(readonly dir: string) {
    this.description = `local folder ${dir}`;
  }

  /** The file behind a key. */
  path(key: string): string {
    return path.join(/*turbopackIgnore: true*/ this.dir, checkKey(key));
  }

  async write(key: string, bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(this.path(key), bytes);
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.path(key));
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async stat(key: string): Promise<MediaStat | null> {
    const file = this.path(key);
    try {
      const s = await fs.stat(file);
      return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async open(key: string): Promise<OpenedMedia | null> {
    const file = this.path(key);
    let handle;
    try {
      handle = await fs.open(file, "r");
    } catch (err) {
      if (missing(err) || (err as NodeJS.ErrnoException).code === "EISDIR") return null;
      throw err;
    }
    // Size and bytes from the same open file, so a rename in between cannot make them disagree.
    const s = await handle.stat();
    if (!s.isFile()) {
      await handle.close();
      return null;
    }
    const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
    return { body, size: s.size, mtimeMs: s.mtimeMs };
  }

  async delete(key: string): Promise<void> {
    try {
      await fs.unlink(this.path(key));
    } catch (err) {
      if (!missing(err)) throw err;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    await fs.rm(path.join(this.dir, checkPrefix(prefix)), { recursive: true, force: true });
    return keys.length;
  }

  async listKeys(prefix: string): Promise<string[]> {
    const folder = checkPrefix(prefix);
    const keys: string[] = [];
    const walk = async (rel: string) => {
      let entries;
      try {
        entries = await fs.readdir(path.join(this.dir, rel), { withFileTypes: true });
      } catch (err) {
        if (missing(err)) return;
        throw err;
      }
      for (const entry of entries) {
        // Temporary files of writes in progress start with a dot; they are not keys yet.
        if (entry.name.startsWith(".")) continue;
        if (entry.isDirectory()) await walk(`${rel}${entry.name}/`);
        else if (entry.isFile()) keys.push(`${rel}${entry.name}`);
      }
    };
    await walk(folder);
    return keys.sort();
  }

  async presignedUrl(key: string): Promise<string | null> {
    checkKey(key);
    return null;
  }

  async check(): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await fs.access(this.dir, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw new MediaStoreError(
        `The media folder ${this.dir} cannot be used (${(err as NodeJS.ErrnoException).code ?? err}). ` +
          "Set MEDIA_DIR (or DATA_DIR) to a folder the studio can write, or MEDIA_STORE to a bucket.",
      );
    }
  }
}
