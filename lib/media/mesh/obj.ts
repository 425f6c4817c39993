// Wavefront OBJ + MTL + textures in one zip, for DCC tools that do not read glTF.
import type { Material, Texture, TypedArray } from "@gltf-transform/core";
import { zipSync, type Zippable } from "fflate";
import { openImage } from "@/lib/media/decode";
import { FORMATS, formatOfMime } from "../formats";
import { listDrawCalls, primitiveTriangleCount, readForExport } from "./io";
import { worldSpace } from "./world-space";

// Lines per encoded chunk: large enough to amortise join/encode, small enough to bound memory.
const CHUNK_LINES = 1 << 16;

export async function toObjZip(glb: Uint8Array, baseName: string): Promise<Uint8Array> {
  const name = safeFileName(baseName);
  const doc = await readForExport(glb);
  const materials = new MaterialTable(name);
  const obj = new TextSink();
  obj.push("# Hunyuan Studio OBJ export");
  obj.push(`mtllib ${name}.mtl`);

  let vBase = 1;
  let vtBase = 1;
  let vnBase = 1;
  const objectNames = new UniqueNames();
  for (const [index, { prim, name: callName, world }] of listDrawCalls(doc).entries()) {
    if (primitiveTriangleCount(prim) === 0) continue;
    const material = prim.getMaterial();
    const texCoord = material?.getBaseColorTextureInfo()?.getTexCoord() ?? 0;
    const position = prim.getAttribute("POSITION")!.getArray()!;
    const normal = prim.getAttribute("NORMAL")?.getArray() ?? null;
    const uv = prim.getAttribute(`TEXCOORD_${texCoord}`)?.getArray() ?? null;
    const vertexCount = position.length / 3;
    const { matrix: m, normal: n, mirrored } = worldSpace(world);

    obj.push(`o ${objectNames.take(sanitize(callName) || `mesh_${index}`)}`);
    for (let i = 0; i < position.length; i += 3) {
      const x = position[i];
      const y = position[i + 1];
      const z = position[i + 2];
      obj.push(
        `v ${num(m[0] * x + m[4] * y + m[8] * z + m[12])} ${num(m[1] * x + m[5] * y + m[9] * z + m[13])} ${num(m[2] * x + m[6] * y + m[10] * z + m[14])}`,
      );
    }
    if (uv) {
      // OBJ puts the texture origin bottom-left, glTF top-left.
      for (let i = 0; i < uv.length; i += 2) obj.push(`vt ${num(uv[i])} ${num(1 - uv[i + 1])}`);
    }
    if (normal) {
      for (let i = 0; i < normal.length; i += 3) {
        const x = normal[i];
        const y = normal[i + 1];
        const z = normal[i + 2];
        const nx = n[0] * x + n[1] * y + n[2] * z;
        const ny = n[3] * x + n[4] * y + n[5] * z;
        const nz = n[6] * x + n[7] * y + n[8] * z;
        const len = Math.hypot(nx, ny, nz) || 1;
        obj.push(`vn ${num(nx / len)} ${num(ny / len)} ${num(nz / len)}`);
      }
    }

    obj.push(`usemtl ${materials.nameOf(material)}`);
    const corner = cornerFormatter(vBase, uv ? vtBase : 0, normal ? vnBase : 0);
    writeFaces(obj, prim.getIndices()?.getArray() ?? null, vertexCount, mirrored, corner);

    vBase += vertexCount;
    if (uv) vtBase += vertexCount;
    if (normal) vnBase += vertexCount;
  }

  const { mtl, textures } = await materials.build();
  const files: Zippable = {
    [`${name}.obj`]: obj.toBytes(),
    [`${name}.mtl`]: new TextEncoder().encode(mtl),
  };
  // Images are already compressed; deflating them again costs time for nothing.
  for (const [file, bytes] of textures) files[file] = [bytes, { level: 0 }];
  // Level 3 deflates a 500k-face OBJ in under half the time of level 6 for about the same size.
  return zipSync(files, { level: 3 });
}

function writeFaces(
  obj: TextSink,
  indices: TypedArray | null,
  vertexCount: number,
  mirrored: boolean,
  corner: (i: number) => string,
): void {
  const count = indices ? indices.length : vertexCount;
  for (let i = 0; i + 2 < count; i += 3) {
    const a = indices ? indices[i] : i;
    const b = indices ? indices[i + 1] : i + 1;
    const c = indices ? indices[i + 2] : i + 2;
    obj.push(
      mirrored
        ? `f ${corner(a)} ${corner(c)} ${corner(b)}`
        : `f ${corner(a)} ${corner(b)} ${corner(c)}`,
    );
  }
}

/** `v/vt/vn` (1-based) for one corner, dropping the parts this primitive has no data for. */
function cornerFormatter(vBase: number, vtBase: number, vnBase: number): (i: number) => string {
  if (vtBase && vnBase) return (i) => `${vBase + i}/${vtBase + i}/${vnBase + i}`;
  if (vtBase) return (i) => `${vBase + i}/${vtBase + i}`;
  if (vnBase) return (i) => `${vBase + i}//${vnBase + i}`;
  return (i) => `${vBase + i}`;
}

/** Names materials as the OBJ meets them and writes the MTL plus the texture files it needs. */
class MaterialTable {
  private readonly names = new Map<Material | null, string>();
  private readonly unique = new UniqueNames();
  private readonly textureFiles = new Map<Texture, Promise<string | null>>();
  private readonly textureBytes = new Map<string, Uint8Array>();
  private readonly usedFiles = new Set<string>();

  constructor(private readonly baseName: string) {}

  nameOf(material: Material | null): string {
    let name = this.names.get(material);
    if (name === undefined) {
      name = this.unique.take(
        material ? sanitize(material.getName()) || `material_${this.names.size}` : "default",
      );
      this.names.set(material, name);
    }
    return name;
  }

  async build(): Promise<{ mtl: string; textures: Map<string, Uint8Array> }> {
    const blocks = await Promise.all(
      [...this.names].map(([material, name]) => this.block(material, name)),
    );
    return {
      mtl: ["# Hunyuan Studio MTL export", ...blocks].join("\n"),
      textures: this.textureBytes,
    };
  }

  private async block(material: Material | null, name: string): Promise<string> {
    const lines = [`newmtl ${name}`];
    if (!material) {
      lines.push("Kd 0.8 0.8 0.8", "Ks 0 0 0", "d 1", "illum 1");
      return lines.join("\n") + "\n";
    }
    const [r, g, b, a] = material.getBaseColorFactor();
    const [er, eg, eb] = material.getEmissiveFactor();
    lines.push("Ka 0 0 0", `Kd ${num(r)} ${num(g)} ${num(b)}`, "Ks 0 0 0");
    if (er || eg || eb) lines.push(`Ke ${num(er)} ${num(eg)} ${num(eb)}`);
    lines.push(`d ${num(material.getAlphaMode() === "OPAQUE" ? 1 : a)}`, "illum 1");

    const baseColor = material.getBaseColorTexture();
    const baseColorFile = baseColor ? await this.fileFor(baseColor, "basecolor") : null;
    if (baseColorFile) lines.push(`map_Kd ${baseColorFile}`);
    // OBJ has one UV set, so a normal map is only usable if it shares the base color's.
    const normal = material.getNormalTexture();
    const sameUv =
      (material.getNormalTextureInfo()?.getTexCoord() ?? 0) ===
      (material.getBaseColorTextureInfo()?.getTexCoord() ?? 0);
    const normalFile = normal && sameUv ? await this.fileFor(normal, "normal") : null;
    if (normalFile) lines.push(`map_Bump ${normalFile}`);
    return lines.join("\n") + "\n";
  }

  private fileFor(texture: Texture, slot: string): Promise<string | null> {
    let file = this.textureFiles.get(texture);
    if (!file) {
      file = this.encode(texture, slot);
      this.textureFiles.set(texture, file);
    }
    return file;
  }

  private async encode(texture: Texture, slot: string): Promise<string | null> {
    const image = texture.getImage();
    if (!image) return null;
    const format = formatOfMime(texture.getMimeType());
    const passThrough = format === FORMATS.png || format === FORMATS.jpeg;
    const ext = passThrough ? format.ext : FORMATS.png.ext;
    // Named before any await so names do not depend on which conversion finishes first.
    let file = `${this.baseName}_${slot}.${ext}`;
    for (let i = 2; this.usedFiles.has(file); i++) file = `${this.baseName}_${slot}_${i}.${ext}`;
    this.usedFiles.add(file);

    let bytes: Uint8Array = image;
    if (!passThrough) {
      // WebP/AVIF are not read by every DCC tool; PNG is. Formats sharp cannot decode
      // (KTX2) are left out rather than failing the whole export.
      try {
        bytes = new Uint8Array(await openImage(image).png().toBuffer());
      } catch {
        return null;
      }
    }
    this.textureBytes.set(file, bytes);
    return file;
  }
}

/** Accumulates lines and encodes them in chunks, so a 500k-face OBJ never is one giant string. */
class TextSink {
  private lines: string[] = [];
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private readonly encoder = new TextEncoder();

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= CHUNK_LINES) this.flush();
  }

  toBytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    const chunk = this.encoder.encode(this.lines.join("\n") + "\n");
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    this.lines = [];
  }
}

class UniqueNames {
  private readonly used = new Set<string>();

  take(name: string): string {
    let unique = name;
    for (let i = 2; this.used.has(unique); i++) unique = `${name}_${i}`;
    this.used.add(unique);
    return unique;
  }
}

/** Six decimals, as Blender writes; toFixed is about twice as fast as rounding by hand. */
function num(x: number): string {
  return x.toFixed(6);
}

/** OBJ/MTL statements are whitespace-separated, so names must not contain spaces. */
function sanitize(name: string): string {
  return name.replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "");
}

/** The base name becomes zip entry names; no paths, no traversal. */
function safeFileName(baseName: string): string {
  return sanitize(baseName).slice(0, 100) || "mesh";
}
