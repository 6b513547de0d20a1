// A student's view of the quiz: the real server binary, Debian's Chromium
// driven by Playwright, keyboard only, with axe-core scans of every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const binary = process.env.MLTPREP_BINARY;
const screenshots = process.env.MLTPREP_SCREENSHOTS;  // a folder to save page screenshots in, if set
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let server, baseUrl, browser;

function startServer() {
  const db = join(mkdtempSync(join(tmpdir(), "mltprep-browser-")), "quiz.db");
  const child = spawn(binary, ["serve", "--port", "0", "--db", db], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

before(async () => {
  assert.ok(binary, "MLTPREP_BINARY must name the mltprep program");
  ({ child: server, url: baseUrl } = await startServer());
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
});

async function newPage(width = 1000) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
  return context.newPage();
}

async function expectNoAxeViolations(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(summary, [], `axe-core violations on the ${name} page`);
  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, `${name}.png`) });
  }
}

async function open(page) {
  await page.goto(baseUrl);
  await page.locator("body[data-ready=true]").waitFor({ state: "attached" });
}

async function startByKeyboard(page, name, kindIndex) {
  await open(page);
  await page.keyboard.press("Tab");  // to the name field
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");  // to the kind radio group
  for (let i = 0; i < kindIndex; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.locator("#exam-view").waitFor({ state: "visible" });
}

test("a student completes an adaptive exam by keyboard alone and reads the results and review", async () => {
  const page = await newPage();
  await open(page);
  await expectNoAxeViolations(page, "start");
  await startByKeyboard(page, "kim", 0);
  await expectNoAxeViolations(page, "exam");
  for (let answered = 0; answered < 100; answered++) {
    await page.locator("#progress").filter({ hasText: `Item ${answered + 1} of 100` }).waitFor();
    await page.keyboard.press("b");
    await page.keyboard.press("Enter");
  }
  await page.locator("#result-view").waitFor({ state: "visible" });
  const summary = await page.locator("#summary").innerText();
  assert.match(summary, /Estimated scaled score \d+/);
  assert.match(summary, /probability of passing: \d+ %/);
  assert.match(await page.locator("#notice").innerText(), /Practice estimate/);
  assert.equal(await page.locator("#review-list > li").count(), 100);
  assert.equal(await page.locator("#chart svg rect").count() > 0, true);
  await expectNoAxeViolations(page, "results");
  await page.close();
});

test("a reload in the middle of an exam resumes the same session at the same item", async () => {
  const page = await newPage();
  await startByKeyboard(page, "lee", 0);
  for (let answered = 0; answered < 3; answered++) {
    await page.locator("#progress").filter({ hasText: `Item ${answered + 1} of 100` }).waitFor();
    await page.keyboard.press("a");
    await page.keyboard.press("Enter");
  }
  await page.locator("#progress").filter({ hasText: "Item 4 of 100" }).waitFor();
  const stem = await page.locator("#stem").innerText();
  await page.reload();
  await page.locator("body[data-ready=true]").waitFor({ state: "attached" });
  await page.locator("#progress").filter({ hasText: "Item 4 of 100" }).waitFor();
  assert.equal(await page.locator("#stem").innerText(), stem);
  await page.close();
});

test("a drill shows the key and explanation after each answer, readable at phone width", async () => {
  const page = await newPage(360);
  await startByKeyboard(page, "ana", 2);
  await page.locator("#feedback").waitFor({ state: "attached" });
  await page.keyboard.press("c");
  await page.keyboard.press("Enter");
  await page.locator("#feedback .verdict").waitFor();
  assert.match(await page.locator("#feedback").innerText(), /Correct\.|Not quite: the answer is [A-D]\./);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 360), true, "no sideways scrolling at 360 px");
  await expectNoAxeViolations(page, "drill-feedback");
  await page.close();
});
