"use client";
// The 3D viewer's DOM shell: header, toolbar, stats, loading and error states. Load it with
// next/dynamic and `ssr: false`; the three.js side lives in scene.tsx.
import { useCallback, useEffect, useRef, useState, type JSX } from "react";
import { downloadName } from "@/lib/media/download-name";
import { FORMATS } from "@/lib/media/formats";
import { canvasToPng, captureSquarePng, downloadBlob, hasWebGL } from "./capture";
import { CanvasErrorBoundary } from "./error-boundary";
import { CloseIcon, DownloadIcon } from "./icons";
import {
  disposeModel,
  loadGlb,
  MeshLoadError,
  type LoadedModel,
  type LoadProgress,
} from "./load-glb";
import type { BackgroundMode, LightingPreset, RenderMode } from "./options";
import { ErrorOverlay, LoadingOverlay } from "./overlays";
import { Viewport } from "./scene";
import { StatsPanel } from "./stats-panel";
import { ViewerToolbar } from "./toolbar";

export interface MeshViewerProps {
  previewUrl: string; // meshopt-compressed GLB with WebP textures (EXT_meshopt_compression, EXT_texture_webp)
  title: string; // shown in the header, e.g. the job prompt
  originalBytes: number | null; // size of the original GLB
  previewBytes: number | null;
  downloads: { label: string; href: string }[]; // rendered as <a download> links named by label
  onThumbnail?: (png: Blob) => void; // called once after the first frame that shows the model
  onClose?: () => void;
}

const THUMBNAIL_SIZE = 384;

type LoadState =
  | { phase: "downloading"; progress: LoadProgress }
  | { phase: "decoding" }
  | { phase: "ready"; model: LoadedModel }
  | { phase: "error"; reason: string };

const CANVAS_AREA_BACKGROUND: Record<BackgroundMode, string> = {
  dark: "bg-[#1c1c1c]",
  light: "bg-neutral-200",
  transparent:
    "bg-neutral-900 bg-[conic-gradient(#262626_25%,#171717_0_50%,#262626_0_75%,#171717_0)] bg-[length:16px_16px]",
};

export function MeshViewer(props: MeshViewerProps): JSX.Element {
  // A new preview is a new session: fresh download, view settings kept per mesh.
  return <ViewerSession key={props.previewUrl} {...props} />;
}

function ViewerSession({
  previewUrl,
  title,
  originalBytes,
  previewBytes,
  downloads,
  onThumbnail,
  onClose,
}: MeshViewerProps) {
  const sectionRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  const [webgl] = useState(hasWebGL);
  const [load, setLoad] = useState<LoadState>(() => ({
    phase: "downloading",
    progress: { received: 0, total: previewBytes },
  }));
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [canvasAttempt, setCanvasAttempt] = useState(0);
  const [canvasFailed, setCanvasFailed] = useState(false);
  const [contextLost, setContextLost] = useState(false);
  const [loadMs, setLoadMs] = useState<number | null>(null);

  const [mode, setMode] = useState<RenderMode>("textured");
  const [autoRotate, setAutoRotate] = useState(false);
  const [grid, setGrid] = useState(false);
  const [lighting, setLighting] = useState<LightingPreset>("studio");
  const [background, setBackground] = useState<BackgroundMode>("dark");
  const [resetToken, setResetToken] = useState(0);
  const [fullscreen, setFullscreen] = useState(false);

  const startedAt = useRef(0);
  // The first size announced; later changes of the prop do not restart the download.
  const [expectedBytes] = useState(previewBytes);
  const thumbnailSent = useRef(false);
  const onThumbnailRef = useRef(onThumbnail);
  useEffect(() => {
    onThumbnailRef.current = onThumbnail;
  }, [onThumbnail]);

  useEffect(() => {
    if (!webgl) return;
    const controller = new AbortController();
    let shown: LoadedModel | null = null;
    let lastPercent = -1;
    startedAt.current = performance.now();

    loadGlb(previewUrl, {
      signal: controller.signal,
      expectedBytes,
      onProgress: (progress) => {
        // One update per whole percent keeps a large download from re-rendering per chunk.
        const percent = progress.total
          ? Math.floor((progress.received / progress.total) * 100)
          : -1;
        if (percent !== -1 && percent === lastPercent) return;
        lastPercent = percent;
        setLoad({ phase: "downloading", progress });
      },
      onDecode: () => setLoad({ phase: "decoding" }),
    }).then(
      (model) => {
        if (controller.signal.aborted) return disposeModel(model);
        shown = model;
        setLoad({ phase: "ready", model });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (!(error instanceof MeshLoadError)) console.error("Mesh load failed", error);
        setLoad({
          phase: "error",
          reason:
            error instanceof MeshLoadError
              ? error.message
              : "something went wrong while loading it.",
        });
      },
    );

    return () => {
      controller.abort();
      if (shown) disposeModel(shown);
    };
  }, [previewUrl, webgl, loadAttempt, expectedBytes]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === sectionRef.current);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const onFirstFrame = useCallback((canvas: HTMLCanvasElement) => {
    const elapsed = performance.now() - startedAt.current;
    setLoadMs((previous) => previous ?? elapsed);
    if (thumbnailSent.current || !onThumbnailRef.current) return;
    thumbnailSent.current = true;
    // Drawn synchronously, right after the frame, so the capture shows exactly that frame.
    void captureSquarePng(canvas, THUMBNAIL_SIZE).then((png) => {
      if (png) onThumbnailRef.current?.(png);
    });
  }, []);

  const onContextLost = useCallback((lost: boolean) => setContextLost(lost), []);
  const onCanvasError = useCallback(() => setCanvasFailed(true), []);

  const retryLoad = () => {
    setLoad({ phase: "downloading", progress: { received: 0, total: expectedBytes } });
    setLoadAttempt((n) => n + 1);
  };
  const retryCanvas = () => {
    setCanvasFailed(false);
    setContextLost(false);
    setCanvasAttempt((n) => n + 1);
  };

  const takeScreenshot = async () => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const png = await canvasToPng(canvas);
    if (png) downloadBlob(png, downloadName(title, FORMATS.png.ext, { fallback: "mesh" }));
  };

  const toggleFullscreen = () => {
    const section = sectionRef.current;
    if (!section) return;
    if (document.fullscreenElement === section) void document.exitFullscreen();
    else void section.requestFullscreen().catch(() => undefined);
  };

  const model = load.phase === "ready" ? load.model : null;
  let failure: { reason: string; retry?: () => void } | null = null;
  if (!webgl) {
    failure = { reason: "this browser cannot show 3D graphics (WebGL 2 is unavailable)." };
  } else if (load.phase === "error") {
    failure = { reason: load.reason, retry: retryLoad };
  } else if (canvasFailed) {
    failure = { reason: "the 3D view could not start (WebGL failed).", retry: retryCanvas };
  } else if (contextLost) {
    failure = { reason: "the graphics context was lost.", retry: retryCanvas };
  }
  const showCanvas = webgl && load.phase !== "error" && !canvasFailed;
  const modelReady = model !== null && failure === null;

  return (
    <section
      ref={sectionRef}
      role="region"
      aria-label="3D viewer"
      className={`flex w-full min-w-0 flex-col overflow-hidden bg-neutral-950 text-neutral-100 ${
        fullscreen ? "h-screen" : "h-full rounded-lg border border-neutral-800"
      }`}
    >
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-neutral-800 bg-neutral-900 px-4 py-2.5">
        <div className="min-w-0 flex-1">
          <p className="text-[11px] font-medium uppercase tracking-wider text-neutral-500">
            Mesh preview
          </p>
          <h2 className="truncate text-sm font-medium text-neutral-100" title={title}>
            {title}
          </h2>
        </div>
        {downloads.length > 0 && (
          <nav aria-label="Downloads" className="flex flex-wrap items-center gap-1.5">
            {downloads.map((item) => (
              <a
                key={`${item.label}\n${item.href}`}
                href={item.href}
                download
                className="inline-flex h-8 items-center gap-1.5 rounded-md border border-neutral-700 bg-neutral-800 px-2.5 text-xs font-medium text-neutral-200 transition-colors hover:border-neutral-600 hover:bg-neutral-700 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400"
              >
                <DownloadIcon />
                {item.label}
              </a>
            ))}
          </nav>
        )}
        {onClose && (
          <button
            type="button"
            onClick={onClose}
            aria-label="Close viewer"
            title="Close viewer"
            className="inline-flex size-8 items-center justify-center rounded-md text-neutral-400 transition-colors hover:bg-neutral-800 hover:text-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400"
          >
            <CloseIcon />
          </button>
        )}
      </header>

      <ViewerToolbar
        mode={mode}
        onModeChange={setMode}
        autoRotate={autoRotate}
        onAutoRotateChange={setAutoRotate}
        grid={grid}
        onGridChange={setGrid}
        lighting={lighting}
        onLightingChange={setLighting}
        background={background}
        onBackgroundChange={setBackground}
        onResetView={() => setResetToken((n) => n + 1)}
        onScreenshot={() => void takeScreenshot()}
        fullscreen={{
          supported: typeof document !== "undefined" && document.fullscreenEnabled,
          active: fullscreen,
          onToggle: toggleFullscreen,
        }}
        modelReady={modelReady}
        sceneAvailable={showCanvas && !contextLost}
      />

      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <div
          className={`relative min-h-[480px] min-w-0 flex-1 overflow-hidden ${CANVAS_AREA_BACKGROUND[background]}`}
        >
          {showCanvas && (
            <CanvasErrorBoundary key={canvasAttempt} onError={onCanvasError}>
              <Viewport
                model={model}
                mode={mode}
                lighting={lighting}
                background={background}
                grid={grid}
                autoRotate={autoRotate}
                resetToken={resetToken}
                canvasRef={canvasRef}
                onFirstFrame={onFirstFrame}
                onContextLost={onContextLost}
              />
            </CanvasErrorBoundary>
          )}
          {failure === null && load.phase === "downloading" && (
            <LoadingOverlay progress={load.progress} />
          )}
          {failure === null && load.phase === "decoding" && <LoadingOverlay progress="decoding" />}
          {failure && <ErrorOverlay reason={failure.reason} onRetry={failure.retry} />}
        </div>
        <StatsPanel
          stats={model?.stats ?? null}
          originalBytes={originalBytes}
          previewBytes={previewBytes}
          loadMs={loadMs}
        />
      </div>
    </section>
  );
}
