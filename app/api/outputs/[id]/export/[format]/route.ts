// Mesh downloads: OBJ (zipped with its MTL and texture), STL, and a simplified GLB.
import { Readable } from "node:stream";
import { z } from "zod";
import { requestHasSession } from "@/lib/auth/access";
import { findOutput } from "@/lib/db/outputs";
import { meshExport } from "@/lib/media/exports";
import { MeshParseError } from "@/lib/media/mesh";
import { mediaStream, statMedia } from "@/lib/media/store";

export const dynamic = "force-dynamic";

const input = z.object({
  id: z.string().uuid(),
  format: z.enum(["obj", "stl", "simplified"]),
  faces: z.coerce.number().int().min(100).max(1_500_000).optional(),
  name: z.string().max(80).optional(),
});

const TYPES: Record<string, string> = {
  zip: "application/zip",
  stl: "model/stl",
  glb: "model/gltf-binary",
};

export async function GET(req: Request, ctx: { params: Promise<{ id: string; format: string }> }) {
  if (!requestHasSession(req)) return new Response("Sign in to download.", { status: 401 });
  const url = new URL(req.url);
  const parsed = input.safeParse({
    ...(await ctx.params),
    faces: url.searchParams.get("faces") ?? undefined,
    name: url.searchParams.get("name") ?? undefined,
  });
  if (!parsed.success)
    return Response.json({ error: parsed.error.issues[0].message }, { status: 400 });
  const { id, format, faces, name } = parsed.data;
  const out = await findOutput(id);
  if (!out?.mediaKey || !out.mediaKey.endsWith(".glb")) {
    return Response.json({ error: "This output is not a stored mesh." }, { status: 404 });
  }
  let made;
  try {
    made = await meshExport({ outputId: id, mediaKey: out.mediaKey, format, faces });
  } catch (err) {
    if (err instanceof MeshParseError) {
      return Response.json(
        { error: `The mesh could not be converted: ${err.message}` },
        { status: 422 },
      );
    }
    throw err;
  }
  if (!made)
    return Response.json(
      { error: "The mesh file is missing from the media store." },
      { status: 404 },
    );
  const stat = await statMedia(made.key);
  const base =
    (name ?? "model")
      .replace(/[^a-z0-9 _-]/gi, "")
      .trim()
      .replace(/\s+/g, "-") || "model";
  const suffix = format === "simplified" ? `-${faces ?? 50_000}-faces` : "";
  return new Response(Readable.toWeb(mediaStream(made.key)) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": TYPES[made.ext],
      "content-length": String(stat?.size ?? 0),
      "content-disposition": `attachment; filename="${base}${suffix}.${format === "obj" ? "obj.zip" : made.ext}"`,
    },
  });
}
