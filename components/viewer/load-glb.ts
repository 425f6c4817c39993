// Downloads a preview GLB with real progress, decodes it (meshopt, WebP) and readies it for
// the viewer: centred, scaled to unit size, normals present, statistics counted.
import {
  Box3,
  Group,
  Vector3,
  type BufferGeometry,
  type InstancedMesh,
  type Material,
  type Mesh,
  type Texture,
} from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { MeshoptDecoder } from "three/examples/jsm/libs/meshopt_decoder.module.js";
import { readApiError } from "@/lib/http/api-error";

export interface MeshStats {
  triangles: number;
  vertices: number;
}

export interface LoadedModel {
  /** Wraps the glTF scene; the model inside is centred on the origin, longest side 1. */
  root: Group;
  /** Every mesh, with the material it came with, so render modes can swap and restore. */
  meshes: Mesh[];
  originalMaterials: (Material | Material[])[];
  stats: MeshStats;
  /** The normalized bounding box (for framing and for placing the grid under the model). */
  box: Box3;
}

/** A failure whose message completes "This mesh could not be opened: …". */
export class MeshLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MeshLoadError";
  }
}

export interface LoadProgress {
  received: number;
  /** null when neither the response nor the caller knows the size. */
  total: number | null;
}

export interface LoadGlbOptions {
  signal?: AbortSignal;
  /** Size the caller expects (used when the server sends no usable Content-Length). */
  expectedBytes?: number | null;
  onProgress?: (progress: LoadProgress) => void;
  /** Called when the download is complete and decoding starts. */
  onDecode?: () => void;
}

export async function loadGlb(url: string, options: LoadGlbOptions = {}): Promise<LoadedModel> {
  const bytes = await fetchWithProgress(url, options);
  options.signal?.throwIfAborted();
  options.onDecode?.();
  return parseGlb(bytes, resourcePathOf(url));
}

export async function fetchWithProgress(
  url: string,
  { signal, expectedBytes, onProgress }: LoadGlbOptions = {},
): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: "same-origin" });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new MeshLoadError("the download failed (network error).", { cause: error });
  }
  if (!response.ok) {
    const { code, message } = await readApiError(response);
    const text = response.statusText ? ` ${response.statusText}` : "";
    throw new MeshLoadError(
      code
        ? `the server answered HTTP ${response.status}: ${message}`
        : `the server answered HTTP ${response.status}${text}.`,
    );
  }

  // A compressed response's Content-Length counts compressed bytes, not what the reader yields.
  const length = Number(response.headers.get("content-length"));
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  const total =
    !encoded && Number.isFinite(length) && length > 0
      ? length
      : expectedBytes && expectedBytes > 0
        ? expectedBytes
        : null;

  if (!response.body) {
    const buffer = await response.arrayBuffer();
    onProgress?.({ received: buffer.byteLength, total: buffer.byteLength });
    return buffer;
  }

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress?.({ received, total });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress?.({ received, total: total !== null && total >= received ? total : null });
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new MeshLoadError("the download was interrupted.", { cause: error });
  }

  const out = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out.buffer;
}

const GLB_MAGIC = 0x46546c67; // "glTF", little-endian

export function checkGlbHeader(buffer: ArrayBuffer): void {
  if (buffer.byteLength < 20) throw new MeshLoadError("the file is empty or truncated.");
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== GLB_MAGIC) {
    throw new MeshLoadError("the file is not a binary glTF (GLB) model.");
  }
  if (view.getUint32(4, true) !== 2) {
    throw new MeshLoadError("only glTF 2.0 models are supported.");
  }
  if (view.getUint32(8, true) > buffer.byteLength) {
    throw new MeshLoadError("the file is truncated.");
  }
}

export async function parseGlb(buffer: ArrayBuffer, resourcePath = ""): Promise<LoadedModel> {
  checkGlbHeader(buffer);
  if (!MeshoptDecoder.supported) {
    throw new MeshLoadError("this browser cannot decode compressed meshes (no WebAssembly).");
  }

  const loader = new GLTFLoader();
  loader.setMeshoptDecoder(MeshoptDecoder);
  let scene: Group;
  try {
    ({ scene } = await loader.parseAsync(buffer, resourcePath));
  } catch (error) {
    console.error("GLB parse failed", error);
    throw new MeshLoadError("the model data could not be decoded.", { cause: error });
  }
  return prepareModel(scene);
}

const tmpCenter = new Vector3();
const tmpSize = new Vector3();

/** Centres and scales the scene, fills in missing normals and counts what will be drawn. */
export function prepareModel(scene: Group): LoadedModel {
  const meshes: Mesh[] = [];
  const originalMaterials: (Material | Material[])[] = [];
  const stats: MeshStats = { triangles: 0, vertices: 0 };

  scene.traverse((object) => {
    const mesh = object as Mesh;
    if (!mesh.isMesh) return;
    const geometry = mesh.geometry;
    const position = geometry.getAttribute("position");
    if (!position) return;
    if (!geometry.getAttribute("normal")) geometry.computeVertexNormals();

    const instances = (mesh as InstancedMesh).isInstancedMesh ? (mesh as InstancedMesh).count : 1;
    const index = geometry.getIndex();
    stats.vertices += position.count * instances;
    stats.triangles += Math.floor((index ? index.count : position.count) / 3) * instances;
    meshes.push(mesh);
    originalMaterials.push(mesh.material);
  });

  if (meshes.length === 0) throw new MeshLoadError("the file contains no geometry.");

  const root = new Group();
  root.name = "viewer-model";
  root.add(scene);
  scene.updateMatrixWorld(true);
  const box = new Box3().setFromObject(scene);
  const size = box.getSize(tmpSize);
  const longest = Math.max(size.x, size.y, size.z);
  if (!Number.isFinite(longest) || longest <= 0) {
    throw new MeshLoadError("the model has no visible extent.");
  }
  const scale = 1 / longest;
  box.getCenter(tmpCenter);
  root.scale.setScalar(scale);
  root.position.copy(tmpCenter).multiplyScalar(-scale);

  // The model never moves by itself; skip recomputing hundreds of node matrices every frame.
  root.updateMatrixWorld(true);
  root.traverse((object) => {
    object.matrixAutoUpdate = false;
  });

  const normalized = box.clone();
  normalized.min.sub(tmpCenter).multiplyScalar(scale);
  normalized.max.sub(tmpCenter).multiplyScalar(scale);

  return { root, meshes, originalMaterials, stats, box: normalized };
}

/** Frees the GPU and image memory held by a model that the viewer no longer shows. */
export function disposeModel(model: LoadedModel): void {
  const geometries = new Set<BufferGeometry>();
  const materials = new Set<Material>();
  model.meshes.forEach((mesh, i) => {
    geometries.add(mesh.geometry);
    for (const material of [model.originalMaterials[i]].flat()) materials.add(material);
  });
  geometries.forEach((geometry) => geometry.dispose());
  for (const material of materials) {
    for (const value of Object.values(material)) {
      if ((value as Texture | null)?.isTexture) disposeTexture(value as Texture);
    }
    material.dispose();
  }
  model.root.removeFromParent();
}

function disposeTexture(texture: Texture): void {
  texture.dispose();
  const image: unknown = texture.source.data;
  if (typeof ImageBitmap !== "undefined" && image instanceof ImageBitmap) image.close();
}

function resourcePathOf(url: string): string {
  const base = typeof window === "undefined" ? "http://localhost/" : window.location.href;
  try {
    return new URL(".", new URL(url, base)).href;
  } catch {
    return "";
  }
}
