"use client";
// The 3D viewer, loaded on first use: three.js stays out of every page until a mesh is opened.
import dynamic from "next/dynamic";

export const LazyMeshViewer = dynamic(() => import("./mesh-viewer").then((m) => m.MeshViewer), {
  ssr: false,
  loading: () => (
    <div className="flex min-h-[480px] items-center justify-center text-sm text-neutral-400">
      Loading the 3D viewer…
    </div>
  ),
});
