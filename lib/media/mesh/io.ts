// Reading, validating and writing GLB bytes, shared by every mesh operation.
import { Document, Logger, NodeIO, Primitive } from "@gltf-transform/core";
import type { InstancedMesh } from "@gltf-transform/extensions";
import { ALL_EXTENSIONS } from "@gltf-transform/extensions";
import { convertPrimitiveToTriangles, dequantize, uninstance } from "@gltf-transform/functions";
import { MeshoptDecoder, MeshoptEncoder } from "meshoptimizer";

export interface MeshStats {
  triangles: number;
  vertices: number;
  textures: number;
}

export class MeshParseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "MeshParseError";
  }
}

const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const GLB_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;

let ioPromise: Promise<NodeIO> | undefined;

/** One NodeIO for the process; the meshopt WASM modules are instantiated once. */
export function getIO(): Promise<NodeIO> {
  ioPromise ??= (async () => {
    await Promise.all([MeshoptDecoder.ready, MeshoptEncoder.ready]);
    return new NodeIO()
      .setLogger(new Logger(Logger.Verbosity.ERROR))
      .registerExtensions(ALL_EXTENSIONS)
      .registerDependencies({
        "meshopt.decoder": MeshoptDecoder,
        "meshopt.encoder": MeshoptEncoder,
      });
  })().catch((err: unknown) => {
    ioPromise = undefined;
    throw err;
  });
  return ioPromise;
}

/** Parses GLB bytes into a Document, rejecting anything that is not a usable triangle mesh. */
export async function readGlb(glb: Uint8Array): Promise<Document> {
  const bytes = checkGlbContainer(glb);
  const io = await getIO();

  let doc: Document;
  try {
    const jsonDoc = await io.binaryToJSON(bytes);
    const required: unknown = jsonDoc.json.extensionsRequired;
    if (Array.isArray(required) && required.includes("KHR_draco_mesh_compression")) {
      throw new MeshParseError(
        "Draco-compressed GLBs are not supported; export the model without Draco compression.",
      );
    }
    doc = await io.readJSON(jsonDoc);
  } catch (err) {
    if (err instanceof MeshParseError) throw err;
    throw new MeshParseError(`Could not read GLB: ${errorMessage(err)}`, { cause: err });
  }

  if (countTriangles(doc) === 0) {
    throw new MeshParseError("GLB contains no triangle geometry.");
  }
  assertIndicesInRange(doc);
  return doc;
}

/**
 * Reads a GLB for export to formats without instancing, quantization or strips: every drawn
 * primitive comes out as float TRIANGLES under an ordinary node.
 */
export async function readForExport(glb: Uint8Array): Promise<Document> {
  const doc = await readGlb(glb);
  await doc.transform(uninstance(), dequantize());
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const mode = prim.getMode();
      if (mode === Primitive.Mode.TRIANGLE_STRIP || mode === Primitive.Mode.TRIANGLE_FAN) {
        convertPrimitiveToTriangles(prim);
      }
    }
  }
  return doc;
}

export async function writeGlb(doc: Document): Promise<Uint8Array> {
  const io = await getIO();
  return io.writeBinary(doc);
}

export async function inspectGlb(glb: Uint8Array): Promise<MeshStats> {
  return getStats(await readGlb(glb));
}

export function getStats(doc: Document): MeshStats {
  let triangles = 0;
  let vertices = 0;
  for (const { prim, instances } of listDrawCalls(doc)) {
    const count = primitiveTriangleCount(prim);
    if (count === 0) continue;
    triangles += count * instances;
    vertices += (prim.getAttribute("POSITION")?.getCount() ?? 0) * instances;
  }
  return { triangles, vertices, textures: doc.getRoot().listTextures().length };
}

export interface DrawCall {
  prim: Primitive;
  name: string;
  world: number[];
  /** EXT_mesh_gpu_instancing copies; 1 for an ordinary node. */
  instances: number;
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** Primitives as the default scene draws them, each with its node's world matrix. */
export function listDrawCalls(doc: Document): DrawCall[] {
  const root = doc.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  const calls: DrawCall[] = [];

  // A file without scenes still holds meshes someone meant to ship; take them untransformed.
  if (!scene) {
    for (const mesh of root.listMeshes()) {
      for (const prim of mesh.listPrimitives()) {
        calls.push({ prim, name: mesh.getName(), world: IDENTITY, instances: 1 });
      }
    }
    return calls;
  }

  scene.traverse((node) => {
    const mesh = node.getMesh();
    if (!mesh) return;
    const world = node.getWorldMatrix();
    const batch = node.getExtension<InstancedMesh>("EXT_mesh_gpu_instancing");
    const instances = batch ? (batch.listAttributes()[0]?.getCount() ?? 1) : 1;
    const name = node.getName() || mesh.getName();
    for (const prim of mesh.listPrimitives()) calls.push({ prim, name, world, instances });
  });
  return calls;
}

export function primitiveTriangleCount(prim: Primitive): number {
  const position = prim.getAttribute("POSITION");
  if (!position) return 0;
  const count = prim.getIndices()?.getCount() ?? position.getCount();
  switch (prim.getMode()) {
    case Primitive.Mode.TRIANGLES:
      return Math.floor(count / 3);
    case Primitive.Mode.TRIANGLE_STRIP:
    case Primitive.Mode.TRIANGLE_FAN:
      return Math.max(0, count - 2);
    default:
      return 0;
  }
}

function countTriangles(doc: Document): number {
  return getStats(doc).triangles;
}

// The simplifier and the exporters index straight into vertex arrays; a hostile file must not
// turn that into reads past the end.
function assertIndicesInRange(doc: Document): void {
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const indices = prim.getIndices()?.getArray();
      const vertexCount = prim.getAttribute("POSITION")?.getCount() ?? 0;
      if (!indices) continue;
      let max = 0;
      for (let i = 0; i < indices.length; i++) if (indices[i] > max) max = indices[i];
      if (indices.length > 0 && max >= vertexCount) {
        throw new MeshParseError(
          `GLB is malformed: mesh "${mesh.getName()}" indexes vertex ${max} of ${vertexCount}.`,
        );
      }
    }
  }
}

/** Checks the GLB header and JSON chunk so garbage fails with a message a user can act on. */
function checkGlbContainer(glb: Uint8Array): Uint8Array {
  if (!(glb instanceof Uint8Array)) throw new MeshParseError("Mesh data must be a Uint8Array.");
  if (glb.byteLength < GLB_HEADER_BYTES + CHUNK_HEADER_BYTES) {
    throw new MeshParseError(`Not a GLB file: only ${glb.byteLength} bytes.`);
  }
  // glTF-Transform reads the header through a Uint32Array, which needs 4-byte alignment, and
  // Node Buffers from the shared pool often lack it. (Buffer#slice would not copy.)
  const bytes = glb.byteOffset % 4 === 0 ? glb : new Uint8Array(glb);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  if (view.getUint32(0, true) !== GLB_MAGIC) {
    throw new MeshParseError("Not a GLB file: missing the 'glTF' magic header.");
  }
  const version = view.getUint32(4, true);
  if (version !== 2) throw new MeshParseError(`Unsupported glTF version ${version}; expected 2.`);
  const declaredLength = view.getUint32(8, true);
  if (declaredLength > bytes.byteLength) {
    throw new MeshParseError(
      `GLB is truncated: header declares ${declaredLength} bytes, got ${bytes.byteLength}.`,
    );
  }
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) {
    throw new MeshParseError("GLB is malformed: the first chunk is not JSON.");
  }
  if (GLB_HEADER_BYTES + CHUNK_HEADER_BYTES + jsonLength > declaredLength) {
    throw new MeshParseError("GLB is malformed: the JSON chunk runs past the end of the file.");
  }
  return declaredLength === bytes.byteLength ? bytes : bytes.subarray(0, declaredLength);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
