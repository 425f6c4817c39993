// The export route's answers: the file with its name, and busy, too large and unconvertible
// as studio errors. The exporter itself is tested in lib/media.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ExportBusyError } from "@/lib/media/export-pool";
import { ExportTooLargeError } from "@/lib/media/exports";
import { MeshParseError } from "@/lib/media/mesh";

// A plain function, not vi.fn: its rejected promises are then handled only by the route.
let answer: () => Promise<unknown> = async () => null;
const calls: unknown[] = [];
const meshExport = (req: unknown) => (calls.push(req), answer());
vi.mock("@/lib/auth/access", () => ({ requestHasSession: async () => true }));
vi.mock("@/lib/db/outputs", () => ({
  findOutput: async (id: string) => ({ id, mediaKey: `outputs/${id}/0.glb`, triangles: 40_000 }),
}));
vi.mock("@/lib/media/exports", async (actual) => ({
  ...(await actual<typeof import("@/lib/media/exports")>()),
  meshExport: (req: unknown) => meshExport(req),
}));
vi.mock("@/lib/media/store", () => ({
  statMedia: async () => ({ size: 3, mtimeMs: 0 }),
  mediaStream: async () => new Blob(["abc"]).stream(),
}));

const { GET } = await import("./route");
const id = "6f1c1f9e-7c1a-4c55-9a55-0d4b0d1e2f3a";

function get(format: string, query = "") {
  const req = new Request(`http://studio.test/api/outputs/${id}/export/${format}${query}`);
  return GET(req, { params: Promise.resolve({ id, format }) });
}

const fail = (err: Error) => async () => {
  throw err;
};

beforeEach(() => {
  calls.length = 0;
});

describe("GET /api/outputs/[id]/export/[format]", () => {
  it("names a simplified GLB after the face count it was made at", async () => {
    answer = async () => ({
      key: `exports/${id}/simplified-10000.glb`,
      file: { ext: "glb", mime: "model/gltf-binary", kind: "mesh" },
      faces: 10_000,
    });
    const res = await get("simplified", "?faces=12345&name=blue%20vase");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="blue-vase-10000-faces.glb"',
    );
    expect(await res.text()).toBe("abc");
    expect(calls).toEqual([
      expect.objectContaining({ format: "simplified", faces: 12_345, triangles: 40_000 }),
    ]);
  });

  it("keeps OBJ and STL names as they were", async () => {
    answer = async () => ({
      key: `exports/${id}/model.zip`,
      file: { ext: "zip", mime: "application/zip", kind: "export" },
    });
    const res = await get("obj", "?name=vase");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="vase.obj.zip"');
  });

  it("answers 503 busy with Retry-After when every export slot is taken", async () => {
    answer = fail(new ExportBusyError());
    const res = await get("stl");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body.error.code).toBe("busy");
    expect(body.error.message).toMatch(/try again in a moment/i);
  });

  it("answers too_large for an export bigger than the output's share", async () => {
    answer = fail(new ExportTooLargeError("This export is 900 MB, more than…"));
    const res = await get("obj");
    expect(res.status).toBe(507);
    expect((await res.json()).error).toEqual({
      code: "too_large",
      message: "This export is 900 MB, more than…",
    });
  });

  it("answers 422 for a mesh that cannot be converted, and 400 for a bad face count", async () => {
    answer = fail(new MeshParseError("GLB contains no triangle geometry."));
    expect((await get("stl")).status).toBe(422);
    expect((await get("simplified", "?faces=1e9")).status).toBe(400);
  });
});
