// Puts the camera where the whole model fits the view, from a three-quarter angle.
import { MathUtils, Vector3, type Box3, type PerspectiveCamera } from "three";

/** From the target towards the camera: front, a little right and above (glTF faces +Z). */
const VIEW_DIRECTION = new Vector3(0.55, 0.4, 1).normalize();
const WORLD_UP = new Vector3(0, 1, 0);
/** Fraction of the view the model may fill at most. */
const FILL = 0.9;

const right = new Vector3();
const up = new Vector3();
const corner = new Vector3();
const center = new Vector3();

/**
 * Moves `camera` so every corner of `box` is inside the frustum with some margin and points
 * it at the box centre, which is written to `target`. Allocates nothing.
 */
export function frameBox(
  camera: PerspectiveCamera,
  box: Box3,
  aspect: number,
  target: Vector3,
): number {
  box.getCenter(center);
  right.crossVectors(WORLD_UP, VIEW_DIRECTION).normalize();
  up.crossVectors(VIEW_DIRECTION, right).normalize();

  const tanV = Math.tan(MathUtils.degToRad(camera.fov) / 2) * FILL;
  const tanH = tanV * (aspect > 0 && Number.isFinite(aspect) ? aspect : 1);
  let distance = 0;
  for (let i = 0; i < 8; i++) {
    corner.set(
      i & 1 ? box.max.x : box.min.x,
      i & 2 ? box.max.y : box.min.y,
      i & 4 ? box.max.z : box.min.z,
    );
    corner.sub(center);
    const towardsCamera = corner.dot(VIEW_DIRECTION);
    distance = Math.max(
      distance,
      towardsCamera + Math.abs(corner.dot(right)) / tanH,
      towardsCamera + Math.abs(corner.dot(up)) / tanV,
    );
  }

  target.copy(center);
  camera.position.copy(VIEW_DIRECTION).multiplyScalar(distance).add(center);
  camera.near = Math.max(distance / 200, 0.001);
  camera.far = distance * 50;
  camera.aspect = aspect;
  camera.lookAt(center);
  camera.updateProjectionMatrix();
  return distance;
}
