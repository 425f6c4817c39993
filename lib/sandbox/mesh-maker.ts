// Real, valid GLB meshes for the sandbox gateway: a closed lathe "pebble" whose surface swells with
// the input image's brightness and a seeded low-frequency wobble, wrapped in that image. This
// module prepares the texture and writes the GLB; the shape is built in mesh-geometry.ts.
import { Document, NodeIO, type TypedArray } from "@gltf-transform/core";
import sharp from "sharp";
import { buildGeometry, chooseGrid, type Geometry } from "./mesh-geometry";
import { sampleRelief } from "./mesh-relief";
import { hashString, mulberry32 } from "./prng";

export interface MeshSpec {
  image: Buffer;
  faceCount: number;
  prompt?: string;
  seed?: number;
}

const MIN_FACES = 100;
const MAX_FACES = 2_000_000;
const MAX_TEXTURE_SIDE = 2048;

export async function makeMesh(spec: MeshSpec): Promise<Uint8Array> {
  const { faceCount } = spec;
  if (!Number.isInteger(faceCount) || faceCount < MIN_FACES || faceCount > MAX_FACES) {
    throw new RangeError(
      `faceCount must be an integer from ${MIN_FACES} to ${MAX_FACES}, got ${faceCount}`,
    );
  }
  const [texture, relief] = await Promise.all([
    prepareTexture(spec.image),
    sampleRelief(spec.image),
  ]);
  const rng = mulberry32(hashString(`mesh\u0000${spec.prompt ?? ""}\u0000${spec.seed ?? 0}`));
  const geometry = buildGeometry(chooseGrid(faceCount), relief, rng);
  return writeGlb(geometry, texture);
}

interface Texture {
  data: Uint8Array;
  mimeType: "image/png" | "image/jpeg";
}

// Core glTF only allows PNG and JPEG, and viewers choke on huge textures, so anything else is
// re-encoded; EXIF rotation is baked in because glTF viewers ignore it.
async function prepareTexture(image: Buffer): Promise<Texture> {
  const meta = await sharp(image).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const tooBig = Math.max(width, height) > MAX_TEXTURE_SIDE;
  const rotated = (meta.orientation ?? 1) > 1;
  const isJpeg = meta.format === "jpeg";
  if ((meta.format === "png" || isJpeg) && !tooBig && !rotated) {
    return { data: new Uint8Array(image), mimeType: isJpeg ? "image/jpeg" : "image/png" };
  }
  let pipeline = sharp(image).autoOrient();
  if (tooBig) {
    pipeline = pipeline.resize(MAX_TEXTURE_SIDE, MAX_TEXTURE_SIDE, {
      fit: "inside",
      withoutEnlargement: true,
    });
  }
  if (isJpeg)
    return { data: await pipeline.jpeg({ quality: 90 }).toBuffer(), mimeType: "image/jpeg" };
  return { data: await pipeline.png().toBuffer(), mimeType: "image/png" };
}

async function writeGlb(geometry: Geometry, texture: Texture): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const accessor = (type: "VEC2" | "VEC3" | "SCALAR", array: TypedArray) =>
    doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);

  const image = doc.createTexture("image").setImage(texture.data).setMimeType(texture.mimeType);
  const material = doc
    .createMaterial("surface")
    .setBaseColorTexture(image)
    .setMetallicFactor(0)
    .setRoughnessFactor(0.65);
  const primitive = doc
    .createPrimitive()
    .setAttribute("POSITION", accessor("VEC3", geometry.positions))
    .setAttribute("NORMAL", accessor("VEC3", geometry.normals))
    .setAttribute("TEXCOORD_0", accessor("VEC2", geometry.uvs))
    .setIndices(accessor("SCALAR", geometry.indices))
    .setMaterial(material);
  const mesh = doc.createMesh("sculpture").addPrimitive(primitive);
  const node = doc.createNode("sculpture").setMesh(mesh);
  const scene = doc.createScene("scene").addChild(node);
  doc.getRoot().setDefaultScene(scene);
  return new NodeIO().writeBinary(doc);
}
