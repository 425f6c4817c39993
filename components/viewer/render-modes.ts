// Clay and wireframe are one shared material each, swapped onto the meshes in place, so a
// mode switch allocates nothing and compiles at most one shader per mode.
import { Color, DoubleSide, MeshStandardMaterial, type ColorRepresentation } from "three";
import type { LoadedModel } from "./load-glb";
import type { RenderMode } from "./options";

export interface ModeMaterials {
  clay: MeshStandardMaterial;
  wireframe: MeshStandardMaterial;
}

export function createModeMaterials(): ModeMaterials {
  return {
    clay: new MeshStandardMaterial({
      name: "viewer-clay",
      color: new Color("#9e9e9e"),
      roughness: 0.85,
      metalness: 0,
      side: DoubleSide,
    }),
    // Lit rather than flat: on a dense scan the lines merge, and shading keeps the form legible.
    wireframe: new MeshStandardMaterial({
      name: "viewer-wireframe",
      color: new Color("#a3a3a3"),
      roughness: 0.6,
      metalness: 0,
      wireframe: true,
      side: DoubleSide,
    }),
  };
}

export function disposeModeMaterials(materials: ModeMaterials): void {
  materials.clay.dispose();
  materials.wireframe.dispose();
}

export function setWireColor(materials: ModeMaterials, color: ColorRepresentation): void {
  materials.wireframe.color.set(color);
}

export function applyRenderMode(
  model: LoadedModel,
  mode: RenderMode,
  materials: ModeMaterials,
): void {
  const { meshes, originalMaterials } = model;
  for (let i = 0; i < meshes.length; i++) {
    meshes[i].material =
      mode === "clay"
        ? materials.clay
        : mode === "wireframe"
          ? materials.wireframe
          : originalMaterials[i];
  }
}
