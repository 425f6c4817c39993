// Mesh downloads: OBJ (zipped with its MTL and texture), STL, and a simplified GLB.
import { z } from "zod";
import { requestHasSession } from "@/lib/auth/access";
import { findOutput } from "@/lib/db/outputs";
import { apiError } from "@/lib/http/api-error";
import { attachment, downloadName } from "@/lib/media/download-name";
import { ExportBusyError, ExportTooLargeError, meshExport } from "@/lib/media/exports";
import { formatOfName } from "@/lib/media/formats";
import { MeshParseError } from "@/lib/media/mesh";
import { mediaStream, statMedia } from "@/lib/media/store";

export const dynamic = "force-dynamic";

const input = z.object({
  id: z.string().uuid(),
  format: z.enum(["obj", "stl", "simplified"]),
  faces: z.coerce.number().int().min(100).max(1_500_000).optional(),
  name: z.string().max(80).optional(),
});

export async function GET(req: Request, ctx: { params: Promise<{ id: string; format: string }> }) {
  if (!(await requestHasSession(req))) return apiError(401, "unauthorized", "Sign in to download.");
  const url = new URL(req.url);
  const parsed = input.safeParse({
    ...(await ctx.params),
    faces: url.searchParams.get("faces") ?? undefined,
    name: url.searchParams.get("name") ?? undefined,
  });
  if (!parsed.success) return apiError(400, "invalid_input", parsed.error.issues[0].message);
  const { id, format, faces, name } = parsed.data;
  const out = await findOutput(id);
  if (!out?.mediaKey || formatOfName(out.mediaKey)?.kind !== "mesh") {
    return apiError(404, "not_found", "This output is not a stored mesh.");
  }
  let made;
  try {
    made = await meshExport({
      outputId: id,
      mediaKey: out.mediaKey,
      format,
      faces,
      triangles: out.triangles,
    });
  } catch (err) {
    if (err instanceof MeshParseError) {
      return apiError(422, "unprocessable", `The mesh could not be converted: ${err.message}`);
    }
    if (err instanceof ExportBusyError) {
      return apiError(503, "busy", err.message, { "retry-after": String(err.retryAfterSeconds) });
    }
    if (err instanceof ExportTooLargeError) return apiError(507, "too_large", err.message);
    throw err;
  }
  if (!made) return apiError(404, "not_found", "The mesh file is missing from the media store.");
  const stat = await statMedia(made.key);
  const fileName = downloadName(name, format === "obj" ? `obj.${made.file.ext}` : made.file.ext, {
    suffix: made.faces ? `-${made.faces}-faces` : "",
    fallback: "model",
  });
  const body = await mediaStream(made.key);
  if (!body) return apiError(404, "not_found", "The export is missing from the media store.");
  return new Response(body, {
    headers: {
      "content-type": made.file.mime,
      "content-length": String(stat?.size ?? 0),
      "content-disposition": attachment(fileName),
    },
  });
}
