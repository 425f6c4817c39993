// 3D time to first frame: a 500k-face textured GLB made by the sandbox (quick: 150k), from the
// click on "Open 3D viewer" to the viewer's first rendered frame, against three.js's plain
// GLTFLoader on the original GLB in the same page and run; on an emulated 50 Mbit/s, 20 ms link
// and unthrottled; bytes for each. Phases come from the DOM and resource timing.
import type { Browser } from "@playwright/test";
import { captureGenerate } from "../e2e/support/actions";
import type { BrowserOutput } from "../lib/jobs/browser-job";
import { emulateLink, isSettled, launchChromium, listJobs, type Link } from "./support/browser";
import { median, mb, ms, ratioOf, waitFor, type BenchOptions, type Row } from "./support/report";
import { requireBuild, startStudio, withScope } from "./support/scope";
import {
  plainLoad,
  resourcesAfter,
  serveThree,
  WATCH_VIEWER,
  type ViewerMarks,
} from "./support/viewer-probes";

const LINK: Link = { downMbps: 50, upMbps: 20, latencyMs: 20 };
const THREE_MARKER = "THREE.WebGLRenderer";

/** An image job through the composer, then a mesh job made from it; the mesh's output. */
async function makeMesh(browser: Browser, url: string, faces: number): Promise<BrowserOutput> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    const generate = await captureGenerate(page, "bench vase for the viewer");
    const image = await waitFor(
      async () =>
        (await listJobs(context.request, url)).find((j) => j.kind === "image" && isSettled(j)),
      120_000,
      "the input image",
    );
    if (image.state !== "COMPLETED")
      throw new Error(`the input image job ended ${image.state}: ${image.error}`);
    const answer = await generate.call({
      model: "hunyuan3d-3-0-api-294",
      inputOutputId: image.outputs[0].id,
      face_count: faces,
      prompt: "bench mesh",
    });
    if (!answer.text.includes('"ok":true'))
      throw new Error(`the mesh job was refused: ${answer.text.slice(0, 300)}`);
    const mesh = await waitFor(
      async () =>
        (await listJobs(context.request, url)).find((j) => j.kind === "mesh" && isSettled(j)),
      300_000,
      "the mesh job",
      1000,
    );
    const out = mesh.outputs[0];
    if (mesh.state !== "COMPLETED" || !out?.previewUrl || !out.url) {
      throw new Error(
        `the mesh job ended ${mesh.state} without a preview: ${mesh.error ?? out?.error}`,
      );
    }
    return out;
  } finally {
    await context.close();
  }
}

interface Trial {
  viewer: number;
  statsShown: number;
  shell: number;
  glbStart: number;
  chunks: number;
  glbEnd: number;
  ready: number;
  viewerBytes: number;
  glbBytes: number;
  threeLoaded: boolean;
  plain: { download: number; decode: number; render: number; total: number; bytes: number };
  loadText: string;
}

async function trial(
  browser: Browser,
  url: string,
  out: BrowserOutput,
  link: Link | null,
): Promise<Trial> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  try {
    await context.addInitScript(WATCH_VIEWER);
    const page = await context.newPage();
    await serveThree(page, url);
    const scripts: Promise<boolean>[] = [];
    let clicked = false;
    page.on("response", (res) => {
      if (
        clicked &&
        res.request().resourceType() === "script" &&
        !res.url().includes("/__bench/")
      ) {
        scripts.push(
          res.text().then(
            (t) => t.includes(THREE_MARKER),
            () => false,
          ),
        );
      }
    });
    await emulateLink(page, link);
    await page.goto(`${url}/`, { waitUntil: "networkidle" });
    const open = page.getByRole("button", { name: "Open 3D viewer" }).first();
    await open.waitFor();
    clicked = true;
    await open.click();
    const marks = await waitFor(
      async () => {
        const m = (await page.evaluate("window.benchViewer")) as ViewerMarks;
        return m.draw !== undefined && m.frame !== undefined && m;
      },
      180_000,
      "the viewer's first frame",
      100,
    );
    const t0 = marks.t0!;
    const res = (await page.evaluate(resourcesAfter(t0, out.previewUrl!))) as {
      scriptsEnd: number;
      scriptBytes: number;
      glb: { start: number; end: number; bytes: number } | null;
    };
    await page.keyboard.press("Escape");
    await page.waitForTimeout(300);
    const plain = (await page.evaluate(plainLoad(out.url!))) as Trial["plain"];
    return {
      viewer: marks.draw! - t0,
      statsShown: marks.frame! - t0,
      shell: (marks.shell ?? NaN) - t0,
      glbStart: (res.glb?.start ?? NaN) - t0,
      chunks: res.scriptsEnd - t0,
      glbEnd: (res.glb?.end ?? NaN) - t0,
      ready: (marks.ready ?? NaN) - t0,
      viewerBytes: res.scriptBytes + (res.glb?.bytes ?? NaN),
      glbBytes: res.glb?.bytes ?? NaN,
      threeLoaded: (await Promise.all(scripts)).some(Boolean),
      plain,
      loadText: marks.loadText ?? "",
    };
  } finally {
    await context.close();
  }
}

function rowFor(label: string, trials: Trial[], target: number | null): Row {
  const pick = (f: (t: Trial) => number) => median(trials.map(f));
  const viewer = pick((t) => t.viewer);
  const plain = pick((t) => t.plain.total);
  const ratio = ratioOf(viewer, plain);
  const ok = target === null ? undefined : ratio !== undefined && ratio <= target;
  return {
    figure: `3D time to first frame, ${label}`,
    measured: ms(viewer),
    baseline: `${ms(plain)} plain GLTFLoader`,
    ratio,
    target: target === null ? "reported" : `≤ ${target}× plain`,
    pass: ok,
    note:
      `viewer from the click: chunks in by ${ms(pick((t) => t.chunks))}, shell shown ${ms(pick((t) => t.shell))}, ` +
      `preview GLB asked at ${ms(pick((t) => t.glbStart))} ` +
      `and in by ${ms(pick((t) => t.glbEnd))}, decoded by ${ms(pick((t) => t.ready))}, first mesh draw ${ms(viewer)}, ` +
      `stats panel updated ${ms(pick((t) => t.statsShown))} (viewer's own "Load time" ${trials.map((t) => t.loadText).join("/")}); ` +
      `plain: download ${ms(pick((t) => t.plain.download))}, decode ${ms(pick((t) => t.plain.decode))}, render ${ms(pick((t) => t.plain.render))}` +
      ` (three.js already loaded); median of ${trials.length}` +
      (ok === false ? `; MISSED: ${ratio?.toFixed(2)}× > ${target}×` : ""),
  };
}

export async function run({ quick }: BenchOptions): Promise<Row[]> {
  requireBuild();
  const faces = quick ? 150_000 : 500_000;
  const repeats = quick ? 1 : 3;
  return withScope(async (scope) => {
    const browser = await launchChromium(scope);
    const studio = await startStudio(scope, { env: { SANDBOX_SPEED: "20" } });
    const out = await makeMesh(browser, studio.url, faces);
    const slow: Trial[] = [];
    const fast: Trial[] = [];
    for (let i = 0; i < repeats; i++) {
      slow.push(await trial(browser, studio.url, out, LINK));
      fast.push(await trial(browser, studio.url, out, null));
    }
    const size = `${Math.round((out.triangles ?? faces) / 1000)}k faces`;
    const viewerBytes = median(slow.map((t) => t.viewerBytes));
    const plainBytes = median(slow.map((t) => t.plain.bytes));
    const share = viewerBytes / plainBytes;
    const three = slow.every((t) => t.threeLoaded);
    return [
      rowFor(`${size}, 50 Mbit/s + 20 ms`, slow, 0.5),
      rowFor(`${size}, unthrottled`, fast, null),
      {
        figure: `3D bytes to first frame, ${size}`,
        measured: `${mb(viewerBytes)} (preview ${mb(median(slow.map((t) => t.glbBytes)))} + viewer JS)`,
        baseline: `${mb(plainBytes)} original GLB`,
        ratio: share,
        target: "≤ 25 % of the original",
        pass: share <= 0.25,
        note:
          `bytes on the wire (resource timing transferSize, after the studio's own gzip); files: original ${mb(out.bytes ?? NaN)}, ` +
          `preview ${mb(out.previewBytes ?? NaN)}; three.js ${three ? "was" : "was NOT"} among the chunks loaded on opening` +
          (share > 0.25 ? `; MISSED: ${(share * 100).toFixed(1)} %` : ""),
      },
    ];
  });
}
