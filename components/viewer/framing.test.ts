import { Box3, PerspectiveCamera, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { frameBox } from "./framing";

function cornersInView(camera: PerspectiveCamera, box: Box3): Vector3[] {
  camera.updateMatrixWorld(true);
  const points: Vector3[] = [];
  for (let i = 0; i < 8; i++) {
    const p = new Vector3(
      i & 1 ? box.max.x : box.min.x,
      i & 2 ? box.max.y : box.min.y,
      i & 4 ? box.max.z : box.min.z,
    );
    points.push(p.project(camera));
  }
  return points;
}

describe("frameBox", () => {
  const boxes = [
    new Box3(new Vector3(-0.5, -0.5, -0.5), new Vector3(0.5, 0.5, 0.5)),
    new Box3(new Vector3(-0.5, -0.05, -0.2), new Vector3(0.5, 0.05, 0.2)), // flat plank
    new Box3(new Vector3(-0.1, -0.5, -0.1), new Vector3(0.1, 0.5, 0.1)), // tall post
  ];

  for (const aspect of [0.5, 1, 16 / 9, 3]) {
    it(`keeps every corner in view at aspect ${aspect.toFixed(2)}`, () => {
      for (const box of boxes) {
        const camera = new PerspectiveCamera(35, aspect, 0.01, 100);
        const target = new Vector3(9, 9, 9);
        frameBox(camera, box, aspect, target);
        expect(target.toArray()).toEqual([0, 0, 0]);
        const ndc = cornersInView(camera, box);
        const extent = Math.max(...ndc.flatMap((p) => [Math.abs(p.x), Math.abs(p.y)]));
        expect(extent).toBeLessThanOrEqual(0.901);
        // Tight: the model fills a good part of the view in at least one direction.
        expect(extent).toBeGreaterThan(0.6);
        for (const p of ndc) expect(p.z).toBeLessThan(1);
      }
    });
  }
});
