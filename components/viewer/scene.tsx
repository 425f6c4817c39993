// The react-three-fiber side of the viewer: canvas, model, lighting, grid and camera.
// Renders on demand; only auto-rotate keeps the loop running.
import { Grid, OrbitControls } from "@react-three/drei";
import { Canvas, addAfterEffect, useThree } from "@react-three/fiber";
import { memo, useEffect, useLayoutEffect, useState, type ComponentRef, type Ref } from "react";
import { Color, DoubleSide, Vector3, type PerspectiveCamera } from "three";
import { frameBox } from "./framing";
import { Lighting } from "./lighting";
import type { LoadedModel } from "./load-glb";
import {
  BACKGROUND_THEME,
  type BackgroundMode,
  type LightingPreset,
  type RenderMode,
} from "./options";
import {
  applyRenderMode,
  createModeMaterials,
  disposeModeMaterials,
  setWireColor,
} from "./render-modes";

export interface ViewportProps {
  model: LoadedModel | null;
  mode: RenderMode;
  lighting: LightingPreset;
  background: BackgroundMode;
  grid: boolean;
  autoRotate: boolean;
  /** Any change frames the model again. */
  resetToken: number;
  canvasRef: Ref<HTMLCanvasElement>;
  /** Called once per model, right after the first frame that shows it has been drawn. */
  onFirstFrame: (canvas: HTMLCanvasElement) => void;
  /** true when the WebGL context is lost, false when the browser restores it. */
  onContextLost: (lost: boolean) => void;
}

const GL = { preserveDrawingBuffer: true, antialias: true };
const DPR: [number, number] = [1, 2];
const CAMERA = {
  fov: 35,
  near: 0.01,
  far: 100,
  position: [1.1, 0.8, 2] as [number, number, number],
};

type Controls = ComponentRef<typeof OrbitControls>;
/** Used before OrbitControls has registered itself; it orbits the origin by default too. */
const CAMERA_TARGET = new Vector3();

export const Viewport = memo(function Viewport({
  model,
  mode,
  lighting,
  background,
  grid,
  autoRotate,
  resetToken,
  canvasRef,
  onFirstFrame,
  onContextLost,
}: ViewportProps) {
  const theme = BACKGROUND_THEME[background];
  return (
    <Canvas
      ref={canvasRef}
      gl={GL}
      dpr={DPR}
      camera={CAMERA}
      frameloop={autoRotate ? "always" : "demand"}
      style={{ position: "absolute", inset: 0 }}
    >
      <SceneBackground color={theme.clear} />
      <Lighting preset={lighting} />
      {model && <Model model={model} mode={mode} wireColor={theme.wire} />}
      {grid && (
        <Grid
          position={[0, (model?.box.min.y ?? -0.5) - 0.001, 0]}
          infiniteGrid
          cellSize={0.1}
          sectionSize={0.5}
          cellThickness={0.6}
          sectionThickness={1}
          cellColor={theme.gridCell}
          sectionColor={theme.gridSection}
          fadeDistance={8}
          fadeStrength={1.5}
          side={DoubleSide}
        />
      )}
      <OrbitControls
        makeDefault
        autoRotate={autoRotate}
        autoRotateSpeed={1.5}
        minDistance={0.15}
        maxDistance={20}
      />
      <CameraRig model={model} resetToken={resetToken} />
      <FirstFrame model={model} onFirstFrame={onFirstFrame} />
      <ContextWatcher onChange={onContextLost} />
    </Canvas>
  );
});

function Model({
  model,
  mode,
  wireColor,
}: {
  model: LoadedModel;
  mode: RenderMode;
  wireColor: string;
}) {
  const invalidate = useThree((state) => state.invalidate);
  const [materials] = useState(createModeMaterials);
  useEffect(() => () => disposeModeMaterials(materials), [materials]);

  useLayoutEffect(() => {
    setWireColor(materials, wireColor);
    applyRenderMode(model, mode, materials);
    invalidate();
  }, [model, mode, wireColor, materials, invalidate]);

  // The viewer shell owns the model's lifetime (and disposes it), not the renderer.
  return <primitive object={model.root} dispose={null} />;
}

function SceneBackground({ color }: { color: string | null }) {
  // The scene is read through the store's getter: it is three.js's object to change, not a
  // React value.
  const get = useThree((state) => state.get);
  const invalidate = useThree((state) => state.invalidate);
  const [value] = useState(() => new Color());
  useLayoutEffect(() => {
    const scene = get().scene;
    scene.background = color ? value.set(color) : null;
    invalidate();
    return () => {
      scene.background = null;
    };
  }, [color, get, value, invalidate]);
  return null;
}

function CameraRig({ model, resetToken }: { model: LoadedModel | null; resetToken: number }) {
  const camera = useThree((state) => state.camera) as PerspectiveCamera;
  const controls = useThree((state) => state.controls) as Controls | null;
  const get = useThree((state) => state.get);
  const invalidate = useThree((state) => state.invalidate);

  useLayoutEffect(() => {
    if (!model || !camera.isPerspectiveCamera) return;
    const { width, height } = get().size;
    const target = controls ? controls.target : CAMERA_TARGET;
    frameBox(camera, model.box, height > 0 ? width / height : 1, target);
    controls?.update();
    invalidate();
  }, [model, resetToken, camera, controls, get, invalidate]);
  return null;
}

function FirstFrame({
  model,
  onFirstFrame,
}: {
  model: LoadedModel | null;
  onFirstFrame: (canvas: HTMLCanvasElement) => void;
}) {
  const gl = useThree((state) => state.gl);
  const invalidate = useThree((state) => state.invalidate);
  useEffect(() => {
    if (!model) return;
    // Subscribed after the commit that added the model, so the next drawn frame shows it.
    let done = false;
    const unsubscribe = addAfterEffect(() => {
      if (done) return;
      done = true;
      unsubscribe();
      onFirstFrame(gl.domElement);
    });
    invalidate();
    return () => {
      done = true;
      unsubscribe();
    };
  }, [model, gl, onFirstFrame, invalidate]);
  return null;
}

function ContextWatcher({ onChange }: { onChange: (lost: boolean) => void }) {
  const gl = useThree((state) => state.gl);
  const invalidate = useThree((state) => state.invalidate);
  useEffect(() => {
    const canvas = gl.domElement;
    let active = true;
    const lost = (event: Event) => {
      // Asks the browser to restore the context; three.js rebuilds its state when it does.
      event.preventDefault();
      if (active) onChange(true);
    };
    const restored = () => {
      if (!active) return;
      onChange(false);
      invalidate();
    };
    canvas.addEventListener("webglcontextlost", lost);
    canvas.addEventListener("webglcontextrestored", restored);
    return () => {
      active = false;
      canvas.removeEventListener("webglcontextlost", lost);
      canvas.removeEventListener("webglcontextrestored", restored);
    };
  }, [gl, onChange, invalidate]);
  return null;
}
