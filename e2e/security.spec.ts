// A studio that lets no one in: sign-in, sessions on every page, action, route and file, the
// key never leaving the server, and a fuzzed generate action that never answers 5xx.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test, expect, request as pwRequest } from "@playwright/test";
import { MODELS, type ModelId } from "../lib/gateway/models";
import { captureGenerate, jobIdOf, type CapturedAction } from "./support/actions";
import { freePort, startSandbox, startStudio, tempDir, type Proc } from "./support/studio-process";

const KEY = "pxz-LEAKCHECK-7f3a9c1e5b2d4086";
const PASSWORD = "correct horse battery";

let sandbox: Proc;
let studio: Proc;
const bodies: string[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const sbPort = freePort();
  sandbox = await startSandbox({ port: sbPort, dir: tempDir("sandbox-sec-"), key: KEY, speed: 4 });
  studio = await startStudio({
    port: freePort(),
    dataDir: tempDir("studio-sec-"),
    env: {
      PIXAZO_API_KEY: KEY,
      PIXAZO_GATEWAY_URL: `http://127.0.0.1:${sbPort}`,
      STUDIO_PASSWORD: PASSWORD,
      // As if behind one proxy, so each browser context can name its own client address.
      TRUSTED_PROXY_HOPS: "1",
    },
  });
});

test.afterAll(async () => {
  await studio?.kill("SIGKILL");
  await sandbox?.kill("SIGKILL");
});

test("without a session every page, route and file is refused", async () => {
  const anon = await pwRequest.newContext({ baseURL: studio.url });
  const home = await anon.get("/", { maxRedirects: 0 });
  expect([303, 307, 308]).toContain(home.status());
  expect(home.headers()["location"]).toContain("/sign-in");
  expect((await anon.get("/api/jobs")).status()).toBe(401);
  expect((await anon.get("/media/outputs/x/0.png")).status()).toBe(401);
  expect(
    (
      await anon.post("/api/uploads", {
        multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } },
      })
    ).status(),
  ).toBe(401);
  expect((await anon.get(`/api/outputs/${crypto.randomUUID()}/export/stl`)).status()).toBe(401);
  expect(
    (await anon.post(`/api/outputs/${crypto.randomUUID()}/thumbnail`, { data: "x" })).status(),
  ).toBe(401);
  // With a real key the built-in sandbox is not there at all.
  expect((await anon.get("/sandbox/_sandbox/stats")).status()).toBe(404);
  await anon.dispose();
});

test("sign-in is rate-limited and a wrong password says so", async ({ page }) => {
  const alert = page.getByRole("alert").filter({ hasText: /./ });
  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Password").fill("nope nope");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toContainText("not right");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong ${i}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
  }
  await expect(alert).toContainText("Too many attempts");
});

test("signed in: generate on the real-key path, the key appears nowhere the browser or logs can see", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // A fresh client address: the studio trusts one proxy hop, which this header plays.
  const context = await browser.newContext({
    baseURL: studio.url,
    extraHTTPHeaders: { "x-forwarded-for": "10.9.9.9" },
  });
  const page = await context.newPage();
  page.on("response", async (res) => {
    try {
      bodies.push(await res.text());
    } catch {
      // redirects and aborted requests have no body
    }
  });
  await page.goto(`${studio.url}/`);
  await expect(page).toHaveURL(/sign-in/);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Generate" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByText("Pixazo gateway")).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "studio_session");
  expect(cookie?.httpOnly).toBe(true);

  const action = await captureGenerate(page, "key scan lighthouse");
  const job = page
    .getByRole("region", { name: "Gallery" })
    .getByRole("article")
    .filter({ hasText: "key scan lighthouse" });
  await expect(job.getByText("Completed")).toBeVisible({ timeout: 60_000 });
  await expect(job.getByRole("img", { name: "key scan lighthouse" })).toBeVisible();
  bodies.push(await page.content());

  // The captured action, replayed without a session, is refused.
  const anon = await pwRequest.newContext();
  const r = await action.call({ model: "hunyuan-image", prompt: "anon" }, anon);
  expect(r.text).toContain("unauthorized");
  await anon.dispose();

  await fuzz(action, page.request);
  await context.close();

  const staticDir = path.resolve(".next/static");
  const files = readdirSync(staticDir, { recursive: true, withFileTypes: true }).filter((d) =>
    d.isFile(),
  );
  let hits = 0;
  for (const f of files) if (readFileSync(path.join(f.parentPath, f.name)).includes(KEY)) hits++;
  for (const b of bodies) if (b.includes(KEY)) hits++;
  if (studio.logs.join("").includes(KEY)) hits++;
  console.log(
    `[figures] key scan: ${files.length} static files, ${bodies.length} answers, ${studio.logs.join("").length} bytes of logs: ${hits} hits`,
  );
  expect(hits).toBe(0);
});

/** 1,000 random and malformed calls to the generate action and the routes: no 5xx, no bad row. */
async function fuzz(action: CapturedAction, req: import("@playwright/test").APIRequestContext) {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const weird: unknown[] = [
    null,
    true,
    -1,
    0,
    3.5,
    1e308,
    -0,
    "",
    " ",
    "abc",
    "NaN",
    "Infinity",
    "1e3",
    "９",
    "<script>",
    "x".repeat(5000),
    [],
    [1, 2],
    {},
    { $gt: 1 },
    { __proto__: { admin: true } },
    "constructor",
    "\u0000",
    "😀".repeat(50),
  ];
  const fields = [
    "model",
    "prompt",
    "negative_prompt",
    "image_size",
    "num_images",
    "num_inference_steps",
    "guidance_scale",
    "seed",
    "enable_safety_checker",
    "sync_mode",
    "output_format",
    "enable_prompt_expansion",
    "face_count",
    "inputOutputId",
    "inputUploadId",
    "__proto__",
    "extra",
  ];
  let cases = 0;
  let fiveHundreds = 0;
  const check = (status: number, what: string) => {
    cases++;
    if (status >= 500) {
      fiveHundreds++;
      console.log(`5xx for ${what.slice(0, 200)}`);
    }
  };
  for (let i = 0; i < 700; i++) {
    const arg: Record<string, unknown> = {
      model: pick([...Object.keys(MODELS), "nope", 5, null]),
      prompt: pick(["fuzz", "", ...weird]),
    };
    const n = Math.floor(rnd() * 5);
    for (let k = 0; k < n; k++) arg[pick(fields)] = pick(weird);
    const shape = rnd();
    const raw =
      shape < 0.05
        ? pick(["", "[", "{not json", "[1,2,3]", "null", JSON.stringify([arg]).slice(0, 20)])
        : undefined;
    const res = await action.call(shape < 0.1 ? pick(weird) : arg, req, raw);
    check(res.status, raw ?? JSON.stringify(arg));
    if (res.status >= 500) console.log(res.text.slice(0, 300));
  }
  const routes = [
    () =>
      req.post(
        `/api/webhooks/pixazo/${pick(["x", "A".repeat(43), "../../etc", "%00", "a".repeat(500)])}`,
        { data: pick(["{", "null", JSON.stringify({ status: "COMPLETED" })]) },
      ),
    () =>
      req.get(
        `/media/${pick(["..%2f..%2fetc%2fpasswd", "outputs/../../x", "public/abc", "public/" + "A".repeat(43), "%2e%2e/x", "uploads/x.png"])}`,
      ),
    () =>
      req.get(
        `/api/outputs/${pick(["x", crypto.randomUUID()])}/export/${pick(["obj", "stl", "simplified", "exe"])}?faces=${pick(["-1", "abc", "1e9", "500"])}`,
      ),
    () =>
      req.post(`/api/outputs/${pick(["x", crypto.randomUUID()])}/thumbnail`, {
        data: Buffer.from(pick(["", "png", "\x89PNG\r\n\x1a\n"])),
      }),
    () =>
      req.post("/api/uploads", {
        multipart: {
          file: {
            name: pick(["a.png", "b.txt", "x"]),
            mimeType: "image/png",
            buffer: Buffer.from(pick(["GIF89a", "hello", "\x89PNG\r\n\x1a\nbroken"])),
          },
        },
      }),
    () =>
      req.post("/api/uploads", {
        data: pick(["", "{}", "garbage"]),
        headers: {
          "content-type": pick([
            "text/plain",
            "multipart/form-data; boundary=x",
            "application/json",
          ]),
        },
      }),
    () => req.get(`/api/jobs`),
  ];
  for (let i = 0; i < 300; i++) {
    const res = await pick(routes)();
    check(res.status(), res.url());
  }
  const { jobs } = (await (await req.get("/api/jobs")).json()) as {
    jobs: { model: ModelId; params: Record<string, unknown>; prompt: string }[];
  };
  let invalid = 0;
  for (const j of jobs) {
    const schema = MODELS[j.model]?.params;
    if (!schema || (j.model !== "hunyuan3d-3-0-api-294" && !schema.safeParse(j.params).success))
      invalid++;
  }
  console.log(
    `[figures] fuzz: ${cases} cases, ${fiveHundreds} answers ≥ 500, ${jobs.length} jobs stored, ${invalid} invalid`,
  );
  expect(fiveHundreds).toBe(0);
  expect(invalid).toBe(0);
  expect(cases).toBe(1000);
  void jobIdOf;
}
