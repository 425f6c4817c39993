// The viewer sends a capture of a mesh the first time it renders it; the gallery then shows
// the model instead of its input image.
import { z } from "zod";
import { requestHasSession } from "@/lib/auth/access";
import { findOutput, updateOutput } from "@/lib/db/outputs";
import { writeThumbnail } from "@/lib/media/exports";
import { sniff } from "@/lib/media/sniff";

export const dynamic = "force-dynamic";

const MAX = 4 * 1024 * 1024;

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (!requestHasSession(req)) return Response.json({ error: "Sign in first." }, { status: 401 });
  const id = z
    .string()
    .uuid()
    .safeParse((await ctx.params).id);
  if (!id.success) return Response.json({ error: "Unknown output." }, { status: 400 });
  const out = await findOutput(id.data);
  if (!out || out.job.kind !== "mesh" || out.state !== "STORED") {
    return Response.json({ error: "Unknown mesh output." }, { status: 404 });
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(declared) || declared > MAX) {
    return Response.json({ error: "Bad size." }, { status: 413 });
  }
  const bytes = Buffer.from(await req.arrayBuffer());
  if (bytes.length === 0 || bytes.length > MAX)
    return Response.json({ error: "Bad size." }, { status: 413 });
  const type = await sniff(bytes);
  if (type?.kind !== "image") return Response.json({ error: "Not an image." }, { status: 415 });
  try {
    const thumbKey = await writeThumbnail(out.id, bytes);
    await updateOutput(out.id, { thumbKey });
  } catch {
    return Response.json({ error: "The capture could not be decoded." }, { status: 422 });
  }
  return Response.json({ ok: true });
}
