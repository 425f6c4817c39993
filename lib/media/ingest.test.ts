// Bringing gateway outputs into the media store: real bytes, a real media folder, and a local
// HTTP server standing in for the gateway's CDN.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { IngestError, MAX_IMAGE_BYTES, ingestOutput } from "./ingest";
import { buildBrokenGlb, buildSphereGlb } from "./mesh/test-fixtures";
import { readMedia } from "./store";

// Read lazily by env(), so setting them before the first test is early enough.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-ingest-test-"));
process.env.DATA_DIR = dir;
process.env.MEDIA_DIR = path.join(dir, "media");

const image = (format: "png" | "jpeg" | "webp" | "gif", width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: "#3a6" } })
    .toFormat(format)
    .toBuffer();

const dataUri = (bytes: Uint8Array, mime = "application/octet-stream") =>
  `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`;

let job = 0;
function ingest(sourceUrl: string, expect: "image" | "mesh", allowHosts: string[] = []) {
  return ingestOutput({ jobId: `job-${++job}`, index: 0, sourceUrl, expect, allowHosts });
}

async function refusal(p: Promise<unknown>): Promise<IngestError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

function mediaFiles(): string[] {
  const root = env().mediaDir;
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String) : [];
}

// The CDN: /<status>/<name> answers that status; /ok/<name> the named file.
const files = new Map<string, Buffer>();
let cdn: http.Server;
let host = "";

beforeAll(async () => {
  expect(env().mediaDir).toBe(path.join(dir, "media"));
  cdn = http.createServer((req, res) => {
    const [, status, name] = (req.url ?? "").split("/");
    const body = files.get(name ?? "");
    if (status !== "ok" || !body) return void res.writeHead(Number(status) || 404).end();
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
  });
  await new Promise<void>((r) => cdn.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(cdn.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => cdn.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("ingesting an image", () => {
  it("stores the original under its sniffed type, with its size and a WebP thumbnail", async () => {
    const png = await image("png", 1200, 600);
    const stored = await ingest(dataUri(png), "image");
    expect(stored).toMatchObject({
      mediaKey: `outputs/job-${job}/0.png`,
      mimeType: "image/png",
      bytes: png.length,
      width: 1200,
      height: 600,
      previewKey: null,
      triangles: null,
    });
    expect(await readMedia(stored.mediaKey)).toEqual(png);
    const thumb = await sharp((await readMedia(stored.thumbKey!))!).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(["webp", 512, 256]);
  });

  it("trusts the bytes, not the declared type", async () => {
    const jpeg = await image("jpeg");
    const stored = await ingest(dataUri(jpeg, "image/png"), "image");
    expect([stored.mimeType, stored.mediaKey.endsWith(".jpg")]).toEqual(["image/jpeg", true]);
    const webp = await ingest(dataUri(await image("webp")), "image");
    expect([webp.mimeType, webp.mediaKey.endsWith(".webp")]).toEqual(["image/webp", true]);
  });

  it("fetches a link from an allowed host", async () => {
    const png = await image("png");
    files.set("a.png", png);
    const stored = await ingest(`http://${host}/ok/a.png`, "image", [host]);
    expect(await readMedia(stored.mediaKey)).toEqual(png);
  });
});

describe("ingesting a mesh", () => {
  it("stores the original GLB, a web preview and its counts", async () => {
    const sphere = await buildSphereGlb({ triangles: 800 });
    const stored = await ingest(dataUri(sphere.glb, "model/gltf-binary"), "mesh");
    expect(stored).toMatchObject({
      mediaKey: `outputs/job-${job}/0.glb`,
      mimeType: "model/gltf-binary",
      bytes: sphere.glb.byteLength,
      previewKey: `previews/job-${job}/0.glb`,
      triangles: sphere.triangles,
      thumbKey: null,
      width: null,
    });
    expect(stored.previewBytes).toBe((await readMedia(stored.previewKey!))!.length);
    expect(new Uint8Array((await readMedia(stored.mediaKey))!)).toEqual(sphere.glb);
  });

  it("keeps the original when no preview can be made of it", async () => {
    const broken = await buildBrokenGlb("texture");
    const stored = await ingest(dataUri(broken), "mesh");
    expect([stored.previewKey, stored.triangles]).toEqual([null, null]);
    expect(new Uint8Array((await readMedia(stored.mediaKey))!)).toEqual(broken);
  });
});

describe("refusing", () => {
  it.each([
    [
      "a GLB where an image was asked for",
      "image",
      "glb",
      "The gateway's output is not a PNG, JPEG or WebP image.",
    ],
    [
      "an image where a mesh was asked for",
      "mesh",
      "png",
      "The gateway's output is not a GLB mesh.",
    ],
    ["a GIF", "image", "gif", "The gateway's output is not a PNG, JPEG or WebP image."],
    ["text", "image", "text", "The gateway's output is not a PNG, JPEG or WebP image."],
  ] as const)("%s, for good, writing nothing", async (_, expect_, what, message) => {
    const bytes =
      what === "glb"
        ? (await buildSphereGlb({ triangles: 100 })).glb
        : what === "text"
          ? new TextEncoder().encode("<html>not found</html>")
          : await image(what);
    const before = mediaFiles();
    const err = await refusal(ingest(dataUri(bytes), expect_));
    expect([err.message, err.retryable]).toEqual([message, false]);
    expect(mediaFiles()).toEqual(before);
  });

  it("an image that does not decode", async () => {
    const png = await image("png");
    const before = mediaFiles();
    const err = await refusal(ingest(dataUri(png.subarray(0, 60)), "image"));
    expect([err.message, err.retryable]).toEqual([
      "The gateway's image could not be decoded.",
      false,
    ]);
    expect(mediaFiles()).toEqual(before);
  });

  it("a malformed data URI", async () => {
    const err = await refusal(ingest("data:image/png;base64", "image"));
    expect([err.message, err.retryable]).toEqual([
      "The gateway returned a malformed data URI.",
      false,
    ]);
  });

  it("a data URI larger than allowed", async () => {
    const huge = `data:image/png;base64,${"A".repeat(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 8)}`;
    const err = await refusal(ingest(huge, "image"));
    expect([err.message, err.retryable]).toEqual(["The output is larger than allowed.", false]);
  });

  it("a link to a host that is not allowed", async () => {
    files.set("b.png", await image("png"));
    const err = await refusal(ingest(`http://${host}/ok/b.png`, "image"));
    expect(err.message).toMatch(/^The output link was refused for safety: /);
    expect(err.retryable).toBe(false);
  });
});

describe("a link that does not answer with the file", () => {
  it.each([403, 404, 410])("answering %i is gone, but worth a few tries", async (status) => {
    const err = await refusal(ingest(`http://${host}/${status}/x.png`, "image", [host]));
    expect(err.message).toBe(`The output link answered ${status}: the file is gone or expired.`);
    expect([err.retryable, err.gone]).toEqual([true, true]);
  });

  it("answering 5xx is tried again", async () => {
    const err = await refusal(ingest(`http://${host}/503/x.png`, "image", [host]));
    expect(err.message).toBe("The output link answered HTTP 503.");
    expect([err.retryable, err.gone]).toEqual([true, false]);
  });

  it("that cannot be reached is tried again", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const gone = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const err = await refusal(ingest(`http://${gone}/ok/x.png`, "image", [gone]));
    expect(err.message).toMatch(/^The output could not be downloaded: /);
    expect(err.retryable).toBe(true);
  });
});
