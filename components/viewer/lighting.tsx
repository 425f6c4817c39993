// Lighting presets built in the scene itself (Lightformers rendered once into an environment
// map, plus plain lights): no HDR files, no requests to any CDN.
import { Environment, Lightformer } from "@react-three/drei";
import { useThree } from "@react-three/fiber";
import { memo, useEffect, type JSX } from "react";
import type { LightingPreset } from "./options";

const ENV_RESOLUTION = 256;

function StudioLighting() {
  return (
    <>
      <Environment resolution={ENV_RESOLUTION} frames={1} environmentIntensity={1}>
        <color attach="background" args={["#101010"]} />
        {/* Key softbox front-left, a strip rim light back-right, soft top and fill. */}
        <Lightformer form="rect" intensity={3} position={[-3, 4, 4]} scale={[4, 4, 1]} />
        <Lightformer form="rect" intensity={1} position={[0, 6, 0]} scale={[8, 8, 1]} />
        <Lightformer form="rect" intensity={3} position={[5, 2, -3]} scale={[1.5, 8, 1]} />
        <Lightformer form="rect" intensity={0.5} position={[4, 0, 5]} scale={[6, 3, 1]} />
      </Environment>
      <directionalLight position={[-3, 4, 4]} intensity={0.8} />
    </>
  );
}

function SoftLighting() {
  return (
    <Environment resolution={ENV_RESOLUTION} frames={1} environmentIntensity={1}>
      {/* A bright, even surround with a large dome overhead: nearly shadowless. */}
      <color attach="background" args={["#5a5a5a"]} />
      <Lightformer form="rect" intensity={1.6} position={[0, 6, 0]} scale={[14, 14, 1]} />
      <Lightformer form="rect" intensity={1} position={[0, 1, 7]} scale={[14, 6, 1]} />
      <Lightformer form="rect" intensity={1} position={[0, 1, -7]} scale={[14, 6, 1]} />
      <Lightformer form="rect" intensity={0.8} position={[-7, 1, 0]} scale={[14, 6, 1]} />
      <Lightformer form="rect" intensity={0.8} position={[7, 1, 0]} scale={[14, 6, 1]} />
    </Environment>
  );
}

function DramaticLighting() {
  return (
    <>
      <Environment resolution={ENV_RESOLUTION} frames={1} environmentIntensity={0.6}>
        <color attach="background" args={["#000000"]} />
        {/* One hard key from the side and a cool rim from behind, little else. */}
        <Lightformer form="rect" intensity={6} position={[-5, 3, 2]} scale={[2, 4, 1]} />
        <Lightformer
          form="rect"
          intensity={3}
          color="#9fc3ff"
          position={[4, 2, -5]}
          scale={[1, 6, 1]}
        />
      </Environment>
      <directionalLight position={[-4, 3, 2]} intensity={2.5} color="#fff1e0" />
      <directionalLight position={[3, 2, -4]} intensity={1.2} color="#a8c8ff" />
    </>
  );
}

function OutdoorLighting() {
  return (
    <>
      <Environment resolution={ENV_RESOLUTION} frames={1} environmentIntensity={1}>
        <color attach="background" args={["#8fb3dc"]} />
        {/* Sky above, warm ground bounce below, and a small bright sun disc. */}
        <Lightformer
          form="rect"
          intensity={0.9}
          color="#cfe3ff"
          position={[0, 8, 0]}
          scale={[20, 20, 1]}
        />
        <Lightformer
          form="rect"
          intensity={0.5}
          color="#8a7356"
          position={[0, -6, 0]}
          scale={[20, 20, 1]}
        />
        <Lightformer
          form="circle"
          intensity={25}
          color="#fff4d6"
          position={[5, 6, 4]}
          scale={1.2}
        />
      </Environment>
      <directionalLight position={[5, 6, 4]} intensity={2} color="#fff2d9" />
      <hemisphereLight args={["#cfe3ff", "#6b5a45", 0.3]} />
    </>
  );
}

const PRESETS: Record<LightingPreset, () => JSX.Element> = {
  studio: StudioLighting,
  soft: SoftLighting,
  dramatic: DramaticLighting,
  outdoor: OutdoorLighting,
};

export const Lighting = memo(function Lighting({ preset }: { preset: LightingPreset }) {
  const invalidate = useThree((state) => state.invalidate);
  // The environment is re-baked in a layout effect; draw one frame with it.
  useEffect(() => {
    invalidate();
  }, [preset, invalidate]);
  const Preset = PRESETS[preset];
  return <Preset key={preset} />;
});
