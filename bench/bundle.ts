// Client JavaScript of the gallery route as a browser loads it (gzip bytes, and whether three.js
// is in it), against a bare Next.js page built by the same Next version in the same run: a tiny
// app in a temp folder with the repo's node_modules linked in.
import {
  existsSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import { launchChromium } from "./support/browser";
import { kb, type BenchOptions, type Row } from "./support/report";
import {
  freePort,
  requireBuild,
  ROOT,
  spawnOwned,
  startStudio,
  waitReady,
  withScope,
  type Scope,
} from "./support/scope";

/** Strings only three.js's renderer and loader carry (checked against the studio's own build). */
const THREE_MARKERS = ["THREE.WebGLRenderer", "THREE.GLTFLoader"];
const LIMIT_BYTES = 150 * 1024;
const LIMIT_RATIO = 1.5;

interface RouteJs {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  threeIn: string[];
}

/** Every script the page loads from its own origin, until the network has been quiet. */
async function routeJs(browser: Browser, url: string): Promise<RouteJs> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  try {
    const page = await context.newPage();
    const pending: Promise<{ name: string; body: Buffer }>[] = [];
    const origin = new URL(url).origin;
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script" || !res.url().startsWith(origin)) return;
      pending.push(res.body().then((body) => ({ name: new URL(res.url()).pathname, body })));
    });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(1500);
    const scripts = await Promise.all(pending);
    return {
      files: scripts.length,
      rawBytes: scripts.reduce((n, s) => n + s.body.length, 0),
      gzipBytes: scripts.reduce((n, s) => n + gzipSync(s.body, { level: 9 }).length, 0),
      threeIn: scripts
        .filter((s) => THREE_MARKERS.some((m) => s.body.includes(m)))
        .map((s) => path.basename(s.name)),
    };
  } finally {
    await context.close();
  }
}

/** A one-page app (JavaScript, so no type check) built with the repo's own Next. */
async function buildBareApp(scope: Scope): Promise<string> {
  const dir = scope.tempDir("bare-next");
  mkdirSync(path.join(dir, "app"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bare", private: true }));
  // Turbopack refuses a node_modules link that points outside its root.
  writeFileSync(
    path.join(dir, "next.config.mjs"),
    `export default { turbopack: { root: "/" } };\n`,
  );
  writeFileSync(
    path.join(dir, "app/layout.jsx"),
    `export default function RootLayout({ children }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n`,
  );
  writeFileSync(
    path.join(dir, "app/page.jsx"),
    `export default function Page() {\n  return <main><h1>Bare page</h1></main>;\n}\n`,
  );
  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  const build = spawnOwned(scope, process.execPath, [next, "build"], { cwd: dir });
  if ((await build.done) !== 0)
    throw new Error(`the bare app did not build: ${build.logs.join("").slice(-1500)}`);
  return dir;
}

async function startBareApp(scope: Scope, dir: string): Promise<string> {
  const port = await freePort();
  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  const proc = spawnOwned(
    scope,
    process.execPath,
    [next, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: dir,
      env: { NODE_ENV: "production" },
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitReady(url, proc);
  return url;
}

/** The studio build's chunks that carry three.js: proof the markers still find it. */
function threeChunksInBuild(): { withThree: number; total: number } {
  const dir = path.join(ROOT, ".next/static/chunks");
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".js"))
    : [];
  const withThree = files.filter((f) => {
    const text = readFileSync(path.join(dir, f), "utf8");
    return THREE_MARKERS.some((m) => text.includes(m));
  }).length;
  return { withThree, total: files.length };
}

export async function run(_: BenchOptions): Promise<Row[]> {
  const buildId = requireBuild();
  return withScope(async (scope) => {
    // Only bytes are measured here, so the bare build may run beside the studio.
    const bareDir = buildBareApp(scope);
    bareDir.catch(() => undefined);
    const browser = await launchChromium(scope);
    const studio = await startStudio(scope, {});
    const gallery = await routeJs(browser, `${studio.url}/`);
    const bare = await routeJs(browser, await startBareApp(scope, await bareDir));
    const inBuild = threeChunksInBuild();
    const ratio = gallery.gzipBytes / bare.gzipBytes;
    const sizeOk = gallery.gzipBytes <= LIMIT_BYTES && ratio <= LIMIT_RATIO;
    const misses = [
      gallery.gzipBytes > LIMIT_BYTES ? `MISSED: ${kb(gallery.gzipBytes)} > 150 KB` : "",
      ratio > LIMIT_RATIO ? `MISSED: ${ratio.toFixed(2)}× the bare page > ${LIMIT_RATIO}×` : "",
    ].filter(Boolean);
    return [
      {
        figure: "Gallery route client JS (gzip -9)",
        measured: `${kb(gallery.gzipBytes)} in ${gallery.files} files`,
        baseline: `${kb(bare.gzipBytes)} bare Next page (${bare.files} files)`,
        ratio,
        target: `≤ 150 KB and ≤ ${LIMIT_RATIO}× bare`,
        pass: sizeOk,
        note: [
          ...misses,
          `raw ${kb(gallery.rawBytes)} vs ${kb(bare.rawBytes)}; external scripts only (inline RSC payload not counted); studio build ${buildId}`,
        ].join("; "),
      },
      {
        figure: "three.js in the gallery route",
        measured: gallery.threeIn.length ? `present (${gallery.threeIn.join(", ")})` : "absent",
        baseline: `in ${inBuild.withThree} of ${inBuild.total} build chunks`,
        target: "absent until a mesh opens",
        pass: gallery.threeIn.length === 0 && inBuild.withThree > 0,
        note:
          inBuild.withThree === 0
            ? "the markers found three.js in no chunk of the build: the check itself needs fixing"
            : "the 3D benchmark checks that opening a mesh does load it",
      },
    ];
  });
}
