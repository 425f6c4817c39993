// Over ~300 lines on purpose: one case per behaviour of the module it tests, kept together.
// One suite for both media stores (a local folder, and a bucket on s3rver), then the
// studio's own store as chosen from MEDIA_STORE, and the settings' messages.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv, type S3Settings } from "@/lib/env";
import { LocalStore } from "./local";
import { S3Store } from "./s3";
import { startS3rver, type S3rverProcess } from "./s3rver-process";
import { MediaKeyError, MediaStoreError, type MediaStore } from "./types";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "studio-store-test-"));
let s3: S3rverProcess;

beforeAll(async () => {
  s3 = await startS3rver(["studio-test", "studio-facade"]);
});
afterAll(async () => {
  await s3?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const s3Settings = (over: Partial<S3Settings> = {}): S3Settings => ({
  bucket: "studio-test",
  prefix: `run-${randomUUID()}/`,
  endpoint: s3.endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: "any-secret" },
  ...over,
});

async function collect(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(body).arrayBuffer());
}

const BAD_KEYS = [
  "../etc/passwd",
  "/abs.png",
  "a//b.png",
  "",
  "a/../b.png",
  "a/.hidden",
  "x".repeat(301),
];

describe.each([
  ["local folder", () => new LocalStore(fs.mkdtempSync(path.join(tmp, "local-")))],
  // Two keys a listing page, so listing and deleting a folder go through several pages.
  ["S3 bucket", () => new S3Store(s3Settings(), 2)],
])("media store in a %s", (_, make: () => MediaStore) => {
  let store: MediaStore;
  beforeAll(() => {
    store = make();
  });

  it("passes its start-up check", async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });

  it("writes, reads, stats and streams a file", async () => {
    const bytes = randomBytes(1000);
    const before = Date.now();
    await store.write("outputs/job1/0.png", bytes);
    expect(await store.read("outputs/job1/0.png")).toEqual(bytes);
    const stat = await store.stat("outputs/job1/0.png");
    expect(stat?.size).toBe(1000);
    expect(stat!.mtimeMs).toBeGreaterThan(before - 2000);
    const opened = await store.open("outputs/job1/0.png");
    expect(opened?.size).toBe(1000);
    expect(await collect(opened!.body)).toEqual(bytes);
  });

  it("keeps a 12 MB mesh whole (in parts, in a bucket)", async () => {
    const bytes = randomBytes(12 * 1024 * 1024);
    await store.write("outputs/big/model.glb", bytes);
    expect((await store.stat("outputs/big/model.glb"))?.size).toBe(bytes.length);
    const opened = await store.open("outputs/big/model.glb");
    expect(opened?.size).toBe(bytes.length);
    expect((await collect(opened!.body)).equals(bytes)).toBe(true);
    expect((await store.read("outputs/big/model.glb"))!.equals(bytes)).toBe(true);
  });

  it("lets a reader stop early without reading the rest", async () => {
    const opened = await store.open("outputs/big/model.glb");
    const reader = opened!.body.getReader();
    const first = await reader.read();
    expect(first.value!.byteLength).toBeLessThan(opened!.size);
    await reader.cancel();
  });

  it("replaces a file whole when it is written again", async () => {
    await store.write("outputs/job2/0.png", Buffer.from("first version"));
    await store.write("outputs/job2/0.png", Buffer.from("second"));
    expect((await store.read("outputs/job2/0.png"))?.toString()).toBe("second");
    expect((await store.stat("outputs/job2/0.png"))?.size).toBe(6);
  });

  it("answers null for a missing key, and deleting it is no error", async () => {
    expect(await store.read("outputs/nothing/0.png")).toBeNull();
    expect(await store.stat("outputs/nothing/0.png")).toBeNull();
    expect(await store.open("outputs/nothing/0.png")).toBeNull();
    await expect(store.delete("outputs/nothing/0.png")).resolves.toBeUndefined();
  });

  it("deletes a file", async () => {
    await store.write("uploads/u1.png", Buffer.from("x"));
    await store.delete("uploads/u1.png");
    expect(await store.stat("uploads/u1.png")).toBeNull();
    expect(await store.read("uploads/u1.png")).toBeNull();
  });

  it("lists and deletes a folder of keys, and nothing beside it", async () => {
    const keys = ["exports/o1/model.zip", "exports/o1/model.stl", "exports/o1/s/simplified-1.glb"];
    for (const k of [...keys, "exports/o10/model.stl", "previews/o1/x.glb"]) {
      await store.write(k, Buffer.from(k));
    }
    expect(await store.listKeys("exports/o1")).toEqual([...keys].sort());
    expect(await store.deletePrefix("exports/o1/")).toBe(3);
    expect(await store.listKeys("exports/o1")).toEqual([]);
    for (const k of keys) expect(await store.stat(k)).toBeNull();
    expect(await store.stat("exports/o10/model.stl")).not.toBeNull();
    expect(await store.stat("previews/o1/x.glb")).not.toBeNull();
    expect(await store.deletePrefix("exports/o1")).toBe(0);
  });

  it("refuses invalid keys and prefixes with a MediaKeyError", async () => {
    for (const key of BAD_KEYS) {
      await expect(store.write(key, Buffer.from("x"))).rejects.toBeInstanceOf(MediaKeyError);
      await expect(store.read(key)).rejects.toBeInstanceOf(MediaKeyError);
      await expect(store.stat(key)).rejects.toBeInstanceOf(MediaKeyError);
      await expect(store.open(key)).rejects.toBeInstanceOf(MediaKeyError);
      await expect(store.delete(key)).rejects.toBeInstanceOf(MediaKeyError);
      await expect(store.presignedUrl(key, 60)).rejects.toBeInstanceOf(MediaKeyError);
    }
    for (const prefix of ["", "/", "..", "../outputs", "a//b"]) {
      await expect(store.deletePrefix(prefix)).rejects.toBeInstanceOf(MediaKeyError);
      await expect(store.listKeys(prefix)).rejects.toBeInstanceOf(MediaKeyError);
    }
  });

  it("gives a presigned URL plain fetch can get, where the store has them", async () => {
    const bytes = randomBytes(2048);
    await store.write("outputs/job3/0.png", bytes);
    const url = await store.presignedUrl("outputs/job3/0.png", 300);
    if (store instanceof LocalStore) return expect(url).toBeNull();
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });
});

describe("media store in a local folder, specifically", () => {
  it("leaves no temporary files and lists none", async () => {
    const store = new LocalStore(path.join(tmp, "atomic"));
    await store.write("outputs/a/0.png", Buffer.from("x"));
    fs.writeFileSync(path.join(store.dir, "outputs/a/.0.png.123.tmp"), "half");
    expect(await store.listKeys("outputs/a")).toEqual(["outputs/a/0.png"]);
  });

  it("says which folder cannot be used", async () => {
    fs.writeFileSync(path.join(tmp, "a-file"), "");
    const store = new LocalStore(path.join(tmp, "a-file", "media"));
    await expect(store.check()).rejects.toThrow(/a-file\/media cannot be used.*MEDIA_DIR/);
  });
});

describe("media store in a bucket, specifically", () => {
  it("keeps keys under its prefix", async () => {
    const a = new S3Store(s3Settings({ prefix: "team-a/" }));
    const b = new S3Store(s3Settings({ prefix: "team-b/" }));
    await a.write("outputs/j/0.png", Buffer.from("a"));
    expect(await b.stat("outputs/j/0.png")).toBeNull();
    expect(await a.presignedUrl("outputs/j/0.png", 60)).toMatch(
      /\/studio-test\/team-a\/outputs\/j\/0\.png\?/,
    );
  });

  it("says the bucket does not exist", async () => {
    const store = new S3Store(s3Settings({ bucket: "no-such-bucket" }));
    const err = await store.check().catch((e) => e);
    expect(err).toBeInstanceOf(MediaStoreError);
    expect(err.message).toMatch(
      /bucket "no-such-bucket" \(MEDIA_STORE\) does not exist at http:\/\/127/,
    );
  });

  it("says the credentials were refused", async () => {
    const credentials = { accessKeyId: "WRONG", secretAccessKey: "x" };
    const store = new S3Store(s3Settings({ credentials }));
    await expect(store.check()).rejects.toThrow(/refused the credentials.*AWS_ACCESS_KEY_ID/);
  });

  it("says the endpoint cannot be reached", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((r) => server.close(r));
    const store = new S3Store(s3Settings({ endpoint: `http://127.0.0.1:${port}` }));
    await expect(store.check()).rejects.toThrow(
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*S3_ENDPOINT/,
    );
  });
});

describe("the studio's store, chosen from MEDIA_STORE", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  async function storeWith(vars: Record<string, string | undefined>) {
    process.env = {
      ...saved,
      DATA_DIR: path.join(tmp, "data"),
      MEDIA_DIR: path.join(tmp, "media"),
      ...vars,
    };
    vi.resetModules();
    return import("../store");
  }
  const bucket = (b: string) => ({
    MEDIA_STORE: `s3://${b}/studio/media`,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: "true",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "any-secret",
  });

  it("is the local folder by default", async () => {
    const m = await storeWith({ MEDIA_STORE: undefined });
    expect(await m.checkMediaStore()).toBe(`local folder ${path.join(tmp, "media")}`);
    await m.writeMedia("outputs/j/0.png", Buffer.from("local"));
    expect(fs.readFileSync(m.mediaPath("outputs/j/0.png"), "utf8")).toBe("local");
    expect(() => m.mediaPath("../x")).toThrow(m.MediaKeyError);
    expect(await m.presignedUrl("outputs/j/0.png", 60)).toBeNull();
  });

  it("keeps every kind of file in the bucket named by MEDIA_STORE", async () => {
    const m = await storeWith(bucket("studio-facade"));
    expect(await m.checkMediaStore()).toMatch(/^s3:\/\/studio-facade\/studio\/media\/ at http/);
    await m.writeMedia("outputs/j/0.png", Buffer.from("in the bucket"));
    expect((await m.readMedia("outputs/j/0.png"))?.toString()).toBe("in the bucket");
    expect((await m.statMedia("outputs/j/0.png"))?.size).toBe(13);
    expect((await collect((await m.mediaStream("outputs/j/0.png"))!)).toString()).toBe(
      "in the bucket",
    );
    expect((await m.openMedia("outputs/j/0.png"))?.size).toBe(13);
    const url = await m.presignedUrl("outputs/j/0.png", 60);
    expect(url).toContain("/studio-facade/studio/media/outputs/j/0.png?");
    expect(await (await fetch(url!)).text()).toBe("in the bucket");
    await m.writeMedia("outputs/j/1.png", Buffer.from("1"));
    expect(await m.listKeys("outputs/j")).toEqual(["outputs/j/0.png", "outputs/j/1.png"]);
    await m.deleteMedia("outputs/j/1.png");
    expect(await m.deletePrefix("outputs/j")).toBe(1);
    expect(await m.readMedia("outputs/j/0.png")).toBeNull();
    await expect(m.readMedia("../x")).rejects.toBeInstanceOf(m.MediaKeyError);
  });

  it("turns a missing bucket into one clear message, logged once", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const m = await storeWith(bucket("missing-bucket"));
    await expect(m.checkMediaStore()).rejects.toThrow(
      /bucket "missing-bucket" \(MEDIA_STORE\) does not exist/,
    );
    await expect(m.writeMedia("outputs/j/0.png", Buffer.from("x"))).rejects.toBeInstanceOf(
      m.MediaStoreError,
    );
    await expect(m.statMedia("outputs/j/0.png")).rejects.toBeInstanceOf(m.MediaStoreError);
    await expect(m.readMedia("../x")).rejects.toBeInstanceOf(m.MediaKeyError);
    expect(log).toHaveBeenCalledTimes(1);
    log.mockRestore();
  });
});

describe("media store settings", () => {
  const base = { DATA_DIR: path.join(tmp, "data") };
  const parse = (vars: Record<string, string>) => parseEnv({ ...base, ...vars });

  it("reads a bucket, its prefix and the S3 settings", () => {
    const e = parse({
      MEDIA_STORE: "s3://studio-media/team/a/",
      S3_ENDPOINT: "http://minio:9000/",
      S3_REGION: "eu-central-1",
      S3_FORCE_PATH_STYLE: "1",
      AWS_ACCESS_KEY_ID: "id",
      AWS_SECRET_ACCESS_KEY: "secret",
    });
    expect(e.mediaStore).toEqual({
      kind: "s3",
      bucket: "studio-media",
      prefix: "team/a/",
      endpoint: "http://minio:9000",
      region: "eu-central-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    expect(parse({ MEDIA_STORE: "s3://b-1" }).mediaStore).toMatchObject({
      prefix: "",
      region: "us-east-1",
      forcePathStyle: false,
      credentials: undefined,
    });
    expect(parse({}).mediaStore).toEqual({ kind: "local", dir: path.join(tmp, "data", "media") });
  });

  it.each([
    [{ MEDIA_STORE: "ftp://bucket" }, /MEDIA_STORE: must be s3:\/\/bucket\/prefix/],
    [{ MEDIA_STORE: "s3://Bad_Bucket" }, /MEDIA_STORE: "Bad_Bucket" is not a valid bucket name/],
    [{ MEDIA_STORE: "s3://bucket/a/../b" }, /MEDIA_STORE: the prefix/],
    [{ MEDIA_STORE: "s3://bucket", AWS_ACCESS_KEY_ID: "id" }, /AWS_SECRET_ACCESS_KEY: set both/],
    [{ MEDIA_STORE: "s3://bucket", AWS_SECRET_ACCESS_KEY: "s" }, /AWS_ACCESS_KEY_ID: set both/],
    [
      { MEDIA_STORE: "s3://bucket", S3_ENDPOINT: "http://s3.example.com" },
      /S3_ENDPOINT: plain http/,
    ],
    [{ S3_FORCE_PATH_STYLE: "maybe" }, /S3_FORCE_PATH_STYLE: must be true or false/],
  ])("names the variable that is wrong: %o", (vars, message) => {
    expect(() => parse(vars)).toThrow(message);
  });
});
