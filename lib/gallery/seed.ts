import "server-only";
// Fills a database and media store with made-up finished jobs, for trying the gallery at size
// (`npm run seed:gallery -- N`). Every job it makes has a webhook token starting `seed-`, and it
// refuses a database holding jobs it did not make, unless forced: seeding real work is a mess.
import { searchTextOf } from "./search-text";
import { randomBytes, randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { FORMATS } from "@/lib/media/formats";
import { makePreview } from "@/lib/media/mesh";
import { buildSphereGlb } from "@/lib/media/mesh/test-fixtures";
import { makeThumbnail, thumbnailKey } from "@/lib/media/thumbnail";
import { makeRng, pick, planJob, type Rng, type SeedImage, type SeedJobPlan } from "./seed-plan";

export const SEED_TOKEN_PREFIX = "seed-";
const BATCH = 500;
const WRITERS = 24;
/** Distinct pictures per size and format; each job still gets its own files (own keys). */
const VARIANTS = 6;
/** Seeded pictures are small: the longest side, in pixels. */
const SIDE = 320;

export class SeedRefusedError extends Error {}

export interface SeedTarget {
  seeded: number;
  foreign: number;
}

export async function seedTarget(db: PrismaClient): Promise<SeedTarget> {
  const [seeded, total] = await Promise.all([
    db.job.count({ where: { webhookToken: { startsWith: SEED_TOKEN_PREFIX } } }),
    db.job.count(),
  ]);
  return { seeded, foreign: total - seeded };
}

/** Why seeding must not go ahead, or null when it may. */
export function seedRefusal(target: SeedTarget, force: boolean): string | null {
  if (target.foreign === 0 || force) return null;
  return (
    `This database has ${target.foreign} job${target.foreign === 1 ? "" : "s"} the seeder did not make. ` +
    "Seeding would mix made-up jobs into real work; point DATABASE_URL (or DATA_DIR) at another " +
    "database, or pass --force to seed it anyway."
  );
}

type Write = (key: string, bytes: Uint8Array) => Promise<void>;

interface Picture {
  bytes: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

const PALETTES = [
  ["#0f172a", "#f97316", "#fde68a"],
  ["#064e3b", "#34d399", "#ecfccb"],
  ["#312e81", "#a78bfa", "#fbcfe8"],
  ["#7c2d12", "#fb923c", "#fef3c7"],
  ["#082f49", "#38bdf8", "#e0f2fe"],
  ["#3f1d38", "#f472b6", "#fff1f2"],
];

/** An abstract scene (sky, sun, hills, shapes) as SVG, rendered by sharp. */
function sceneSvg(r: Rng, w: number, h: number): string {
  const [deep, mid, light] = pick(r, PALETTES);
  const hills = Array.from({ length: 3 }, (_, i) => {
    const y = h * (0.55 + i * 0.12);
    const pts = Array.from({ length: 7 }, (_, k) => `${(k / 6) * w},${y - r() * h * 0.18}`);
    return `<polygon points="0,${h} ${pts.join(" ")} ${w},${h}" fill="${i % 2 ? mid : deep}" opacity="${0.55 + i * 0.15}"/>`;
  });
  const orbs = Array.from(
    { length: 4 },
    () =>
      `<circle cx="${r() * w}" cy="${r() * h * 0.6}" r="${4 + r() * w * 0.08}" fill="${light}" opacity="${0.3 + r() * 0.5}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${deep}"/><stop offset="1" stop-color="${mid}"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>
<circle cx="${w * (0.2 + r() * 0.6)}" cy="${h * (0.2 + r() * 0.25)}" r="${w * 0.12}" fill="${light}"/>
${orbs.join("\n")}
${hills.join("\n")}
</svg>`;
}

/** Renders each size, format and variant once; jobs reuse the bytes under their own keys. */
function picturePool(r: Rng) {
  const made = new Map<string, Promise<Picture>>();
  return (img: SeedImage, variant: number): Promise<Picture> => {
    const scale = SIDE / Math.max(img.width, img.height);
    const width = Math.round(img.width * scale);
    const height = Math.round(img.height * scale);
    const id = `${width}x${height}.${img.format}.${variant}`;
    let p = made.get(id);
    if (!p) {
      const svg = sceneSvg(r, width, height);
      p = (async () => {
        const base = sharp(Buffer.from(svg));
        const bytes = await (
          img.format === "png"
            ? base.png()
            : img.format === "jpeg"
              ? base.jpeg({ quality: 80 })
              : base.webp({ quality: 80 })
        ).toBuffer();
        return { bytes, thumb: await makeThumbnail(bytes), width, height };
      })();
      made.set(id, p);
    }
    return p;
  };
}

async function meshFiles() {
  const fixture = await buildSphereGlb({ triangles: 800, textureSize: 32 });
  const preview = await makePreview(fixture.glb);
  return { ...fixture, preview: preview.glb };
}

export interface SeedReport {
  jobs: number;
  outputs: number;
  files: number;
  bytes: number;
  byState: Record<string, number>;
  byModel: Record<string, number>;
  ms: number;
}

export interface SeedOptions {
  db: PrismaClient;
  write: Write;
  count: number;
  force?: boolean;
  now?: Date;
  /** Fixes the made-up data; a fresh one each run when unset. */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

const token = () => SEED_TOKEN_PREFIX + randomBytes(24).toString("base64url");

export async function seedGallery(opts: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const why = seedRefusal(await seedTarget(opts.db), opts.force ?? false);
  if (why) throw new SeedRefusedError(why);
  const r = makeRng(opts.seed ?? randomBytes(4).readUInt32LE());
  const now = opts.now ?? new Date();
  const plans = Array.from({ length: opts.count }, () => planJob(r, now)).sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const picture = picturePool(r);
  // Render every picture the plans can ask for at once (sharp works in parallel), not one
  // by one as jobs first ask for them.
  const wanted = plans.flatMap((p) => p.images.slice(0, 1));
  const [mesh] = await Promise.all([
    plans.some((p) => p.mesh) ? meshFiles() : null,
    ...wanted.flatMap((img) => Array.from({ length: VARIANTS }, (_, v) => picture(img, v))),
  ]);
  const report: SeedReport = {
    jobs: 0,
    outputs: 0,
    files: 0,
    bytes: 0,
    byState: {},
    byModel: {},
    ms: 0,
  };
  /** Image outputs made so far, for 3D jobs to take as their input, as designers do. */
  const sources: string[] = [];

  for (let i = 0; i < plans.length; i += BATCH) {
    const jobs: Prisma.JobCreateManyInput[] = [];
    const outputs: Prisma.OutputCreateManyInput[] = [];
    const files: [string, Uint8Array][] = [];
    for (const plan of plans.slice(i, i + BATCH)) {
      const id = randomUUID();
      const made = await outputsOf(id, plan, picture, mesh, r);
      outputs.push(...made.outputs);
      files.push(...made.files);
      jobs.push({
        id,
        kind: plan.kind,
        model: plan.model,
        prompt: plan.prompt,
        negativePrompt: plan.negativePrompt,
        searchText: searchTextOf(plan.prompt, plan.negativePrompt),
        params: JSON.stringify(plan.params),
        seed: plan.seed,
        state: plan.state,
        errorCode: plan.errorCode,
        errorMessage: plan.errorMessage,
        requestId: `${SEED_TOKEN_PREFIX}${id}`,
        webhookToken: token(),
        inputOutputId: plan.kind === "mesh" && sources.length ? pick(r, sources) : null,
        createdAt: plan.createdAt,
        submittedAt: plan.submittedAt,
        startedAt: plan.startedAt,
        finishedAt: plan.finishedAt,
        favorite: plan.favorite,
        pollCount: 1 + Math.floor(r() * 8),
      });
      if (plan.kind === "image") sources.push(...made.outputs.map((o) => o.id!));
      report.byState[plan.state] = (report.byState[plan.state] ?? 0) + 1;
      report.byModel[plan.model] = (report.byModel[plan.model] ?? 0) + 1;
    }
    // Files first: a row is never written pointing at a file that is not there yet.
    let next = 0;
    const writer = async () => {
      for (let k = next++; k < files.length; k = next++) await opts.write(files[k][0], files[k][1]);
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await opts.db.$transaction([
      opts.db.job.createMany({ data: jobs }),
      opts.db.output.createMany({ data: outputs }),
    ]);
    report.jobs += jobs.length;
    report.outputs += outputs.length;
    report.files += files.length;
    report.bytes += files.reduce((n, [, b]) => n + b.byteLength, 0);
    opts.onProgress?.(report.jobs, plans.length);
  }
  report.ms = Date.now() - started;
  return report;
}

async function outputsOf(
  jobId: string,
  plan: SeedJobPlan,
  picture: ReturnType<typeof picturePool>,
  mesh: Awaited<ReturnType<typeof meshFiles>> | null,
  r: Rng,
) {
  const outputs: Prisma.OutputCreateManyInput[] = [];
  const files: [string, Uint8Array][] = [];
  const base = (index: number, mediaKey: string) => ({
    id: randomUUID(),
    jobId,
    index,
    sourceUrl: `seed:${mediaKey}`,
    state: "STORED",
    attempts: 1,
    mediaKey,
    publicToken: randomBytes(32).toString("base64url"),
    createdAt: plan.finishedAt,
    storedAt: new Date(plan.finishedAt.getTime() + 800),
  });
  for (const [index, img] of plan.images.entries()) {
    const p = await picture(img, Math.floor(r() * VARIANTS));
    const format = FORMATS[img.format];
    const mediaKey = `outputs/${jobId}/${index}.${format.ext}`;
    const thumbKey = thumbnailKey.output(jobId, index);
    files.push([mediaKey, p.bytes], [thumbKey, p.thumb]);
    outputs.push({
      ...base(index, mediaKey),
      mimeType: format.mime,
      bytes: p.bytes.byteLength,
      width: p.width,
      height: p.height,
      thumbKey,
    });
  }
  if (plan.mesh && mesh) {
    const mediaKey = `outputs/${jobId}/0.${FORMATS.glb.ext}`;
    const previewKey = `previews/${jobId}/0.${FORMATS.glb.ext}`;
    files.push([mediaKey, mesh.glb], [previewKey, mesh.preview]);
    outputs.push({
      ...base(0, mediaKey),
      mimeType: FORMATS.glb.mime,
      bytes: mesh.glb.byteLength,
      previewKey,
      previewBytes: mesh.preview.byteLength,
      triangles: mesh.triangles,
      vertices: mesh.vertices,
    });
  }
  return { outputs, files };
}
