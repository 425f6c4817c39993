// Scripts that run inside the page for the 3D benchmark. Strings, not functions: tsx's transform
// adds helpers to functions that do not exist in the page.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ROOT } from "./scope";

/** Marks of the viewer's phases (performance.now()), from the click on "Open 3D viewer". */
export interface ViewerMarks {
  t0?: number;
  /** The first draw call of a mesh (≥ 3,000 indices) after the click: its first frame. */
  draw?: number;
  shell?: number;
  decode?: number;
  ready?: number;
  frame?: number;
  loadText?: string;
}

/**
 * Watches the page: the click, the viewer's shell (its chunk has loaded), "Decoding…" (the GLB is
 * in), the loading overlay gone (decoded), the first WebGL draw of a mesh (the first frame), and
 * the stats panel's "Load time" filled in (the viewer's own onFirstFrame figure, which reaches the
 * DOM only when React next renders, late on a busy page).
 */
export const WATCH_VIEWER = `(() => {
  const st = (window.benchViewer = {});
  if (window.WebGL2RenderingContext) {
    const proto = WebGL2RenderingContext.prototype;
    const original = proto.drawElements;
    proto.drawElements = function (mode, count, type, offset) {
      const r = original.call(this, mode, count, type, offset);
      if (st.t0 !== undefined && st.draw === undefined && count >= 3000) st.draw = performance.now();
      return r;
    };
  }
  document.addEventListener("click", (e) => {
    if (st.t0 === undefined && e.target.closest && e.target.closest("button[aria-label='Open 3D viewer']")) st.t0 = performance.now();
  }, true);
  const look = () => {
    if (st.t0 === undefined) return;
    const now = performance.now();
    const region = document.querySelector("[aria-label='3D viewer']");
    if (!region) return;
    if (st.shell === undefined) st.shell = now;
    const bar = region.querySelector("[role=progressbar][aria-label='Loading mesh']");
    if (bar) {
      st.sawBar = true;
      if (st.decode === undefined && (bar.getAttribute("aria-valuetext") || "").includes("Decoding")) st.decode = now;
    } else if (st.sawBar && st.ready === undefined) st.ready = now;
    for (const dt of region.querySelectorAll("dt")) {
      if (dt.textContent !== "Load time") continue;
      const v = (dt.nextElementSibling && dt.nextElementSibling.textContent || "").trim();
      if (v && v !== "–" && st.frame === undefined) { st.frame = now; st.loadText = v; }
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

/** Resource timing of what the page fetched after `t0`: scripts, and one URL's entry. */
export const resourcesAfter = (t0: number, glbPath: string) =>
  `(() => {
    const all = performance.getEntriesByType("resource").filter((e) => e.startTime >= ${t0});
    const scripts = all.filter((e) => e.initiatorType === "script" || /\\.js(\\?|$)/.test(e.name));
    const glb = all.find((e) => e.name.includes(${JSON.stringify(glbPath)}));
    return {
      scriptsEnd: scripts.reduce((m, e) => Math.max(m, e.responseEnd), ${t0}),
      scriptBytes: scripts.reduce((n, e) => n + e.transferSize, 0),
      scripts: scripts.length,
      glb: glb ? { start: glb.startTime, end: glb.responseEnd, bytes: glb.transferSize } : null,
    };
  })()`;

/**
 * three.js's own modules served to the page from node_modules under a path of the studio's
 * origin (answered by Playwright, not the studio), with the bare "three" import resolved.
 */
export async function serveThree(page: Page, origin: string) {
  await page.route(`${origin}/__bench/three/**`, async (route) => {
    const rel = new URL(route.request().url()).pathname.replace("/__bench/three/", "");
    const file = path.join(
      ROOT,
      "node_modules/three",
      path.normalize(rel).replace(/^(\.\.[/\\])+/, ""),
    );
    const body = readFileSync(file, "utf8").replace(
      /from\s+['"]three['"]/g,
      `from '/__bench/three/build/three.module.js'`,
    );
    await route.fulfill({ body, contentType: "text/javascript" });
  });
}

/** three.js's plain GLTFLoader on the original GLB, to its first rendered frame. */
export const plainLoad = (url: string) =>
  `(async () => {
    const THREE = await import("/__bench/three/build/three.module.js");
    const { GLTFLoader } = await import("/__bench/three/examples/jsm/loaders/GLTFLoader.js");
    const canvas = document.createElement("canvas");
    canvas.width = 960; canvas.height = 600;
    canvas.style.cssText = "position:fixed;left:0;top:0;width:960px;height:600px;z-index:99999";
    document.body.appendChild(canvas);
    const t0 = performance.now();
    const res = await fetch(${JSON.stringify(url)}, { cache: "no-store" });
    const buffer = await res.arrayBuffer();
    const t1 = performance.now();
    const gltf = await new GLTFLoader().parseAsync(buffer, "");
    const t2 = performance.now();
    const renderer = new THREE.WebGLRenderer({ canvas, antialias: true });
    const scene = new THREE.Scene();
    scene.add(gltf.scene, new THREE.AmbientLight(0xffffff, 1), new THREE.DirectionalLight(0xffffff, 2));
    const box = new THREE.Box3().setFromObject(gltf.scene);
    const size = box.getSize(new THREE.Vector3()).length();
    const center = box.getCenter(new THREE.Vector3());
    const camera = new THREE.PerspectiveCamera(45, 960 / 600, size / 100, size * 10);
    camera.position.copy(center).add(new THREE.Vector3(0, 0, size * 1.2));
    camera.lookAt(center);
    renderer.render(scene, camera);
    const t3 = performance.now();
    const entry = performance.getEntriesByType("resource").filter((e) => e.name.includes(${JSON.stringify(url)})).pop();
    renderer.dispose();
    canvas.remove();
    return { download: t1 - t0, decode: t2 - t1, render: t3 - t2, total: t3 - t0, bytes: entry ? entry.transferSize : buffer.byteLength };
  })()`;
