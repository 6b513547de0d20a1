// A student's view of the quiz: the real server binary, Debian's Chromium
// driven by Playwright, keyboard only, with axe-core scans of every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { binary, expectNoAxeViolations, launchBrowser, newPage as pageIn, open as openAt, startServer } from "./support.mjs";

let server, baseUrl, browser;

before(async () => {
  browser = await launchBrowser();
  ({ child: server, url: baseUrl } = await startServer());
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
});

const newPage = (width) => pageIn(browser, width);
const open = (page, url = baseUrl) => openAt(page, url);

// The body of the next request that starts a session.
const sessionRequest = (page) => page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/sessions")
  .then((request) => JSON.parse(request.postData()));

// The kinds of session are listed from /api/blueprints, so a test picks one by
// its label (a RegExp), walking the radio group with the arrow keys. Resolves
// to the body of the request that started the session.
async function startByKeyboard(page, name, kind, url = baseUrl) {
  await open(page, url);
  await page.keyboard.press("Tab");  // to the name field
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");  // to the kind radio group, on the chosen kind
  const kinds = await page.getByRole("radio").count();
  const focusedLabel = () => page.evaluate(() => document.activeElement?.closest("label")?.textContent ?? "");
  for (let presses = 0; !kind.test(await focusedLabel()); presses++) {
    assert.ok(presses < kinds, `no kind of session labelled ${kind}`);
    await page.keyboard.press("ArrowDown");
  }
  assert.equal(await page.getByRole("radio", { name: kind }).isChecked(), true);
  const request = sessionRequest(page);
  await page.keyboard.press("Enter");
  await page.locator("#exam-view").waitFor({ state: "visible" });
  return request;
}

const adaptiveExam = /MLT\(ASCP\)-style adaptive/, fixedForm = /MLT\(AMT\)-style fixed-form/, drill = /^ *Drill/;

test("a student completes an adaptive exam by keyboard alone and reads the results and review", async () => {
  const page = await newPage();
  await open(page);
  await expectNoAxeViolations(page, "start");
  const started = await startByKeyboard(page, "kim", adaptiveExam);
  assert.deepEqual([started.kind, started.blueprint], ["adaptive_exam", "ascp-mlt"]);
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
  await page.locator("#home").focus();
  await page.keyboard.press("Enter");
  await page.locator("#history table").waitFor();
  assert.match(await page.locator("#history").innerText(), /MLT\(ASCP\)-style adaptive practice exam/);
  await expectNoAxeViolations(page, "history");
  await page.close();
});

test("a fixed form lets the student flag an item, open the review list and go back to it", async () => {
  const { child, url } = await startServer({ withSyntheticBank: true });
  const page = await newPage();
  await startByKeyboard(page, "sam", fixedForm, url);
  await page.locator("#progress").filter({ hasText: "Item 1 of 210" }).waitFor();
  await page.keyboard.press("a");
  await page.keyboard.press("Enter");
  await page.locator("#progress").filter({ hasText: "Item 2 of 210" }).waitFor();
  await page.click("#flag");
  await page.locator("#flag[aria-pressed=true]").waitFor();
  await page.click("#review");
  await page.locator("#form-review").waitFor({ state: "visible" });
  await expectNoAxeViolations(page, "fixed-form-review");
  await page.getByRole("button", { name: "Item 1, answered" }).click();
  await page.locator("#progress").filter({ hasText: "Item 1 of 210" }).waitFor();
  assert.equal(await page.locator("input[name=choice][value='0']").isChecked(), true);
  await page.close();
  child.kill("SIGTERM");
});

test("a fixed form submitted with no answer shows no score in the results and the history", async () => {
  const { child, url } = await startServer({ withSyntheticBank: true });
  const page = await newPage();
  await startByKeyboard(page, "max", fixedForm, url);
  await page.locator("#progress").filter({ hasText: "Item 1 of 210" }).waitFor();
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#finish");
  await page.locator("#result-view").waitFor({ state: "visible" });
  const summary = await page.locator("#summary").innerText();
  assert.match(summary, /no answers, so no score/);
  assert.doesNotMatch(summary, /scaled score|probability of passing/i);
  assert.equal(await page.locator("#chart svg").count(), 0);
  await expectNoAxeViolations(page, "results-without-answers");
  await page.click("#home");
  await page.locator("#history table").waitFor();
  const cells = await page.locator("#history tr").nth(1).locator("td").allInnerTexts();
  assert.deepEqual(cells.slice(2), ["0 of 210", "–", "–"]);
  await page.close();
  child.kill("SIGTERM");
});

test("a reload in the middle of an exam resumes the same session at the same item", async () => {
  const page = await newPage();
  await startByKeyboard(page, "lee", adaptiveExam);
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
  const started = await startByKeyboard(page, "ana", drill);
  assert.equal(started.kind, "drill");
  assert.equal("blueprint" in started, false, "a drill names no blueprint");
  await page.locator("#feedback").waitFor({ state: "attached" });
  await page.keyboard.press("c");
  await page.keyboard.press("Enter");
  await page.locator("#feedback .verdict").waitFor();
  assert.match(await page.locator("#feedback").innerText(), /Correct\.|Not quite: the answer is [A-D]\./);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 360), true, "no sideways scrolling at 360 px");
  await expectNoAxeViolations(page, "drill-feedback");
  await page.close();
});

test("the start page lists every exam the server describes, chooses the default one, and starts an exam by its blueprint", async () => {
  const exams = await (await fetch(`${baseUrl}/api/blueprints`)).json();
  assert.ok(exams.length >= 2, `${exams.length} blueprints`);
  const page = await newPage();
  await open(page);
  assert.equal(await page.getByRole("radio").count(), exams.length + 1, "one radio button per exam, and the drill's");
  for (const exam of exams) {
    const label = await page.locator("label", { has: page.getByRole("radio", { name: exam.name }) }).innerText();
    assert.match(label, new RegExp(`\\(${exam.item_count} items, .*${exam.review_allowed ? "review allowed" : "no going back"}\\)`));
    assert.equal(label.includes("adaptive, "), exam.mode === "adaptive", label);
  }
  // The bundled blueprints' time limits, 150 and 180 minutes, in words.
  assert.match(await page.locator("#kinds").innerText(), /\(100 items, 2 h 30 min, adaptive, no going back\)/);
  assert.match(await page.locator("#kinds").innerText(), /\(210 items, 3 h, review allowed\)/);
  const natural = exams.find((exam) => exam.default === true) ?? exams[0];
  assert.equal(await page.getByRole("radio", { name: natural.name }).isChecked(), true, "the default, else the first, is chosen");
  await page.close();

  // The data decides which exam is chosen: mark another one default.
  const other = exams.find((exam) => exam !== natural);
  const marked = await newPage();
  await marked.route("**/api/blueprints", (route) => route.fulfill({ json: exams.map((exam) => ({ ...exam, default: exam === other })) }));
  await open(marked);
  assert.equal(await marked.getByRole("radio", { name: other.name }).isChecked(), true);
  assert.equal(await marked.getByRole("radio", { name: natural.name }).isChecked(), false);
  assert.equal(await marked.locator("#drill-options").isHidden(), true);
  await marked.fill("#student", "dee");
  const request = sessionRequest(marked);
  await marked.getByRole("button", { name: "Start" }).click();
  const started = await request;
  assert.deepEqual([started.kind, started.blueprint], [other.mode === "adaptive" ? "adaptive_exam" : "linear_exam", other.id]);
  await marked.close();
});

test("an exam and a discipline added with data files only are offered on the start page and taken", async () => {
  const fixture = new URL("../data/new-exam", import.meta.url).pathname;
  const { child, url } = await startServer({
    prepare: (db) => {
      const imported = spawnSync(binary, ["bank", "import", fixture, "--db", db], { encoding: "utf8" });
      assert.equal(imported.status, 0, imported.stderr);
    },
  });
  const page = await newPage();
  await open(page, url);
  assert.match(await page.locator("#kinds").innerText(), /Histotechnology practice form \(5 items, 10 min, review allowed\)/);
  await page.getByRole("radio", { name: /^ *Drill/ }).check();
  assert.match(await page.locator("#disciplines").innerText(), /Histotechnology \(8\)/);
  await expectNoAxeViolations(page, "start-with-imported-exam");
  const started = await startByKeyboard(page, "kim", /Histotechnology practice form/, url);
  assert.deepEqual([started.kind, started.blueprint], ["linear_exam", "histology-quiz"]);
  await page.locator("#progress").filter({ hasText: "Item 1 of 5" }).waitFor();
  await page.close();
  child.kill("SIGTERM");
});
