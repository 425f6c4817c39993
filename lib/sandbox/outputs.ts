// Making a request's outputs (images, or a mesh from its input image) once processing begins,
// and reading them back for media links and sync-mode data URIs.
import { promises as fs } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "@/lib/files/atomic";
import { MODELS, imageDimensions, type MeshParams } from "@/lib/gateway/models";
import { FORMATS, mimeOfName } from "@/lib/media/formats";
import { guardedFetch } from "@/lib/net/guarded-fetch";
import { makeImage, type ImageFormat } from "./image-maker";
import { makeMesh } from "./mesh-maker";
import { seedFromText } from "./prng";
import type { Outcome, RequestRecord } from "./records";
import type { StatusBody } from "./status";

export type Outputs = ReturnType<typeof createOutputs>;

export function createOutputs(deps: {
  /** Folder with one subfolder of outputs per request. */
  dir: string;
  allowHosts: string[];
  now: () => number;
  save: (rec: RequestRecord) => Promise<void>;
}) {
  const { dir, now } = deps;
  const making = new Map<string, Promise<void>>();

  async function make(rec: RequestRecord): Promise<void> {
    const files: string[] = [];
    const end = (state: Outcome["state"], error: string | null) => {
      rec.outcome = {
        state,
        error,
        files,
        mediaType: "application/octet-stream",
        finishedAt: now(),
      };
    };
    try {
      if (rec.plan.fail) return end(rec.plan.fail.state, rec.plan.fail.message);
      if (MODELS[rec.model].kind === "image") {
        await makeImages(rec, files);
        return end("COMPLETED", null);
      }
      const p = rec.params as MeshParams;
      let image: Buffer;
      try {
        const res = await guardedFetch(p.input_image_url, {
          timeoutMs: 30_000,
          maxBytes: 25 * 1024 * 1024,
          allowHosts: deps.allowHosts,
        });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        image = res.body;
      } catch (err) {
        return end("FAILED", `Could not download the input image: ${(err as Error).message}`);
      }
      const glb = await makeMesh({
        image,
        faceCount: p.face_count,
        prompt: p.prompt,
        seed: seedFromText(p.input_image_url),
      });
      // A file that starts like a GLB but breaks further in, as a bad upstream might send.
      const bytes = rec.plan.corruptMesh
        ? Buffer.concat([Buffer.from(glb.subarray(0, 20)), Buffer.alloc(4096, 0x5a)])
        : glb;
      await writeFileAtomic(path.join(dir, rec.id, "output-0.glb"), bytes);
      files.push("output-0.glb");
      end("COMPLETED", null);
    } catch (err) {
      end("FAILED", `The model could not make this request: ${(err as Error).message}`);
    } finally {
      await deps.save(rec);
    }
  }

  async function makeImages(rec: RequestRecord, files: string[]): Promise<void> {
    // What both image models' parameters share, as validated at submit.
    const p = rec.params as {
      prompt: string;
      seed?: number;
      num_images: number;
      output_format: ImageFormat;
      image_size?: string;
      negative_prompt?: string;
    };
    const { width, height } = imageDimensions(rec.model, p.image_size);
    const seed = p.seed ?? seedFromText(p.prompt);
    for (let i = 0; i < p.num_images; i++) {
      const bytes = await makeImage({
        prompt: p.prompt,
        seed,
        width,
        height,
        format: p.output_format,
        index: i,
        negativePrompt: p.negative_prompt,
      });
      const name = `output-${i}.${FORMATS[p.output_format].ext}`;
      await writeFileAtomic(path.join(dir, rec.id, name), bytes);
      files.push(name);
    }
  }

  /**
   * Starts making outputs once the request leaves the queue, at most once per request however
   * many reads ask; the promise settles when the outcome is saved.
   */
  function ensure(rec: RequestRecord): Promise<void> | undefined {
    if (!rec.outcome && !making.has(rec.id) && now() - rec.createdAt >= rec.queuedMs) {
      const p = make(rec)
        .catch((err) => console.error("[sandbox] making outputs failed", rec.id, err))
        .finally(() => making.delete(rec.id));
      making.set(rec.id, p);
    }
    return making.get(rec.id);
  }

  function read(id: string, name: string): Promise<Buffer> {
    return fs.readFile(path.join(dir, id, name));
  }

  /** In sync mode the outputs travel inside the status body as data URIs. */
  async function inline(rec: RequestRecord, body: StatusBody): Promise<StatusBody> {
    if (!body.output || rec.params.sync_mode !== true || !rec.outcome) return body;
    const urls = await Promise.all(
      rec.outcome.files.map(
        async (f) => `data:${mimeOfName(f)};base64,${(await read(rec.id, f)).toString("base64")}`,
      ),
    );
    return { ...body, output: { ...body.output, media_url: urls } };
  }

  return { ensure, read, inline };
}
