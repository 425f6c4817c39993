import { Document, Logger, NodeIO } from "@gltf-transform/core";
import { EXTMeshoptCompression, KHRMeshQuantization } from "@gltf-transform/extensions";
import { meshopt } from "@gltf-transform/functions";
import { MeshoptEncoder } from "meshoptimizer";
import { Box3, Vector3 } from "three";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkGlbHeader, fetchWithProgress, MeshLoadError, parseGlb } from "./load-glb";

/** A 2×1×1 box without normals, placed off-centre and scaled, as a GLB (meshopt optional). */
async function boxGlb({ compressed }: { compressed: boolean }): Promise<Uint8Array> {
  const doc = new Document().setLogger(new Logger(Logger.Verbosity.SILENT));
  const buffer = doc.createBuffer();
  const positions: number[] = [];
  const indices: number[] = [];
  // Six faces of a unit cube, four vertices each.
  const faces = [
    [0, 1],
    [0, -1],
    [1, 1],
    [1, -1],
    [2, 1],
    [2, -1],
  ] as const;
  for (const [axis, sign] of faces) {
    const u = (axis + 1) % 3;
    const v = (axis + 2) % 3;
    const base = positions.length / 3;
    for (const [a, b] of [
      [-0.5, -0.5],
      [0.5, -0.5],
      [0.5, 0.5],
      [-0.5, 0.5],
    ]) {
      const p = [0, 0, 0];
      p[axis] = 0.5 * sign;
      p[u] = a;
      p[v] = b;
      positions.push(...p);
    }
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  const position = doc
    .createAccessor()
    .setType("VEC3")
    .setArray(new Float32Array(positions))
    .setBuffer(buffer);
  const index = doc
    .createAccessor()
    .setType("SCALAR")
    .setArray(new Uint16Array(indices))
    .setBuffer(buffer);
  const prim = doc.createPrimitive().setAttribute("POSITION", position).setIndices(index);
  const mesh = doc.createMesh("box").addPrimitive(prim);
  const node = doc.createNode("box").setMesh(mesh).setTranslation([10, 4, -2]).setScale([6, 3, 3]);
  doc.createScene().addChild(node);

  if (compressed) {
    await MeshoptEncoder.ready;
    await doc.transform(meshopt({ encoder: MeshoptEncoder, level: "high" }));
  }
  const io = new NodeIO()
    .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
    .registerDependencies({ "meshopt.encoder": MeshoptEncoder });
  return io.writeBinary(doc);
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

describe("parseGlb", () => {
  for (const compressed of [false, true]) {
    it(`counts, centres, scales and adds normals (${compressed ? "meshopt" : "plain"})`, async () => {
      const glb = await boxGlb({ compressed });
      if (compressed) {
        const json = new TextDecoder().decode(
          glb.subarray(20, 20 + new DataView(glb.buffer, glb.byteOffset).getUint32(12, true)),
        );
        expect(json).toContain("EXT_meshopt_compression");
      }
      const model = await parseGlb(toArrayBuffer(glb));
      expect(model.stats).toEqual({ triangles: 12, vertices: 24 });
      expect(model.meshes).toHaveLength(1);
      expect(model.meshes[0].geometry.getAttribute("normal")).toBeDefined();

      const size = model.box.getSize(new Vector3());
      expect(size.x).toBeCloseTo(1, 3);
      expect(size.y).toBeCloseTo(0.5, 3);
      expect(model.box.getCenter(new Vector3()).length()).toBeLessThan(1e-3);

      // The world-space box of what will be drawn matches the reported one.
      model.root.updateMatrixWorld(true);
      const drawn = new Box3().setFromObject(model.root);
      expect(drawn.min.distanceTo(model.box.min)).toBeLessThan(1e-3);
      expect(drawn.max.distanceTo(model.box.max)).toBeLessThan(1e-3);
    });
  }

  it("rejects bytes that are not a GLB", async () => {
    const html = new TextEncoder().encode("<!doctype html><html><body>Not found</body></html>");
    await expect(parseGlb(toArrayBuffer(html))).rejects.toThrow(/not a binary glTF/);
  });

  it("rejects a truncated GLB", async () => {
    const glb = await boxGlb({ compressed: false });
    expect(() => checkGlbHeader(toArrayBuffer(glb.subarray(0, glb.length - 10)))).toThrow(
      MeshLoadError,
    );
  });
});

describe("fetchWithProgress", () => {
  afterEach(() => vi.unstubAllGlobals());

  function streamResponse(chunks: Uint8Array[], headers: Record<string, string> = {}) {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers });
  }

  it("reports progress against Content-Length and returns every byte", async () => {
    const chunks = [new Uint8Array(100).fill(1), new Uint8Array(50).fill(2)];
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => streamResponse(chunks, { "content-length": "150" })),
    );
    const seen: [number, number | null][] = [];
    const buffer = await fetchWithProgress("/media/x.glb", {
      onProgress: ({ received, total }) => seen.push([received, total]),
    });
    expect(buffer.byteLength).toBe(150);
    expect(new Uint8Array(buffer)[120]).toBe(2);
    expect(seen).toEqual([
      [0, 150],
      [100, 150],
      [150, 150],
    ]);
  });

  it("falls back to the expected size when the response is compressed", async () => {
    const chunks = [new Uint8Array(80)];
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        streamResponse(chunks, { "content-length": "20", "content-encoding": "gzip" }),
      ),
    );
    const totals: (number | null)[] = [];
    await fetchWithProgress("/x.glb", {
      expectedBytes: 80,
      onProgress: (p) => totals.push(p.total),
    });
    expect(totals).toEqual([80, 80]);
  });

  it("turns an HTTP error into a readable reason", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("nope", { status: 404, statusText: "Not Found" })),
    );
    await expect(fetchWithProgress("/x.glb")).rejects.toThrow(
      "the server answered HTTP 404 Not Found.",
    );
  });

  it("uses the studio's own message when the answer is a studio error", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json(
          { error: { code: "unauthorized", message: "Sign in to see this file." } },
          { status: 401 },
        ),
      ),
    );
    await expect(fetchWithProgress("/x.glb")).rejects.toThrow(
      "the server answered HTTP 401: Sign in to see this file.",
    );
  });
});
