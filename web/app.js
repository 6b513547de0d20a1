// The browser quiz: every rule (which item, whether an answer counts, the
// deadline, the score) is the server's; this page only shows and sends.
import { $, api, attempt, element, letters, option, percent, renderItem as showItem, row, showError, showOnly, timeLeft,
         timeLimit } from "./common.js";

const store = {
  get student() { return localStorage.getItem("mltprep.student") || ""; },
  set student(name) { localStorage.setItem("mltprep.student", name); },
  get sessions() { return JSON.parse(localStorage.getItem("mltprep.sessions") || "[]"); },
  addSession(id) { localStorage.setItem("mltprep.sessions", JSON.stringify([id, ...store.sessions.filter((s) => s !== id)])); },
  get current() { return localStorage.getItem("mltprep.current"); },
  set current(id) { id ? localStorage.setItem("mltprep.current", id) : localStorage.removeItem("mltprep.current"); },
};
let state = { session: null, item: null, timer: null, announced: new Set() };
const blueprints = new Map();  // id → blueprint, as /api/blueprints describes them

const show = (view) => showOnly(["start-view", "exam-view", "result-view"], view);

// Runs an action of the exam view; its error is shown under the item.
const onItem = (action) => attempt(action, $("item-error"));

// The deadline is enforced by the server; this is only a display.
function startTimer(remainingMs) {
  clearInterval(state.timer);
  if (remainingMs === null) { $("timer").textContent = "Untimed"; return; }
  const end = Date.now() + remainingMs;
  const tick = () => {
    const left = end - Date.now();
    $("timer").textContent = `Time left ${timeLeft(left)}`;
    for (const mark of [10, 5, 1]) {
      if (left <= mark * 60000 && !state.announced.has(mark)) {
        state.announced.add(mark);
        $("timer-announce").textContent = `${mark} minute${mark > 1 ? "s" : ""} left`;
      }
    }
    if (left <= 0) { clearInterval(state.timer); onItem(loadItem); }
  };
  tick();
  state.timer = setInterval(tick, 1000);
}

function renderItem() {
  const { session, item } = state;
  const fixedForm = session.review_allowed;
  $("progress").textContent = `Item ${item.position + 1} of ${item.item_count}`;
  $("item-title").textContent = `Question ${item.position + 1}`;
  showItem(item, { stem: $("stem"), options: $("options"), name: "choice", chosen: item.chosen });
  for (const id of ["previous", "next", "flag", "review", "finish"]) $(id).hidden = !fixedForm;
  $("flag").setAttribute("aria-pressed", String(item.flagged));
  $("flag").textContent = item.flagged ? "Remove flag" : "Flag for review";
  $("item-error").replaceChildren();
  $("form-review").hidden = true;
  startTimer(item.remaining_ms);
}

async function loadItem() {
  const data = await api("GET", `/api/sessions/${store.current}/item`);
  state.session = data.session;
  state.item = data.item;
  if (!data.item) return showResults();
  show("exam-view");
  renderItem();
}

// One radio button per exam, before the drill's: what the blueprint says about
// itself is all the page knows of it. The blueprint marked default (else the
// first) is chosen.
function listExams(list) {
  const drill = $("kind-drill").closest("label");
  const chosen = list.find((b) => b.default === true) || list[0];
  for (const blueprint of list) {
    blueprints.set(blueprint.id, blueprint);
    const facts = [`${blueprint.item_count} item${blueprint.item_count === 1 ? "" : "s"}`, timeLimit(blueprint.time_limit_minutes),
                   ...(blueprint.mode === "adaptive" ? ["adaptive"] : []), blueprint.review_allowed ? "review allowed" : "no going back"];
    const input = Object.assign(document.createElement("input"),
                                { type: "radio", name: "kind", value: blueprint.id, checked: blueprint === chosen });
    input.dataset.blueprint = blueprint.id;
    const label = element("label");
    label.append(input, ` ${blueprint.name} (${facts.join(", ")})`);
    drill.before(label);
  }
  if (!chosen) $("kind-drill").checked = true;
  showDrillOptions();
}

const showDrillOptions = () => { $("drill-options").hidden = !$("kind-drill").checked; };

async function startSession(event) {
  event.preventDefault();
  const chosen = document.querySelector("input[name=kind]:checked");
  if (!chosen) { showError($("start-error"), new Error("Choose a kind of session.")); return; }
  const body = { student: $("student").value.trim(), time_multiplier: Number($("multiplier").value) };
  const blueprint = blueprints.get(chosen.dataset.blueprint);
  if (blueprint) {
    Object.assign(body, { kind: blueprint.mode === "adaptive" ? "adaptive_exam" : "linear_exam", blueprint: blueprint.id });
  } else {
    body.kind = "drill";
    body.disciplines = [...$("disciplines").selectedOptions].map((o) => o.value);
    body.count = Number($("count").value);
    if ($("topic").value) body.topics = [$("topic").value];
    if ($("level").value) body.level = $("level").value;
  }
  await begin(body);
}

// Starts a session (POST /api/sessions with `body`, or another route that
// starts one, such as a retake) and shows its first item.
function begin(body, path = "/api/sessions") {
  return attempt(async () => {
    if (body.student) store.student = body.student;
    const data = await api("POST", path, body);
    store.current = data.session.id;
    store.addSession(data.session.id);
    state.announced = new Set();
    $("feedback").replaceChildren();
    await loadItem();
  }, $("start-error"));
}

async function answer(event) {
  event.preventDefault();
  const chosen = document.querySelector("input[name=choice]:checked");
  if (!chosen) { showError($("item-error"), new Error("Choose an answer first.")); return; }
  await attempt(async () => {
    const data = await api("POST", `/api/sessions/${store.current}/answer`, { position: state.item.position, choice: Number(chosen.value) });
    showFeedback(data.outcome);
    if (data.outcome.key === undefined) await loadItem();
  }, $("item-error"), (error) => {
    if (error.status !== 410) return false;
    onItem(showResults);  // the deadline has passed: the exam is scored at it
    return true;
  });
}

function showFeedback(outcome) {
  const box = $("feedback");
  box.replaceChildren();
  if (outcome.key === undefined) return;
  box.append(element("p", outcome.correct ? "Correct." : `Not quite: the answer is ${letters[outcome.key]}.`, "verdict"),
             element("p", outcome.explanation));
  for (const reference of outcome.references) box.append(element("p", `Reference: ${reference}`, "reference"));
  const next = element("button", outcome.session_finished ? "See results" : "Next item");
  next.type = "button";
  next.addEventListener("click", () => { box.replaceChildren(); onItem(loadItem); });
  box.append(next);
  next.focus();
}

async function move(position) {
  const data = await api("POST", `/api/sessions/${store.current}/goto`, { position });
  state.item = data.item;
  renderItem();
}

async function showFormReview() {
  const data = await api("GET", `/api/sessions/${store.current}/form`);
  const box = $("form-review");
  box.replaceChildren(element("h3", "All items"));
  const list = element("ul", undefined, "form-grid");
  for (const entry of data.form) {
    const button = element("button", `${entry.position + 1}${entry.flagged ? " ⚑" : ""}${entry.answered ? "" : " (blank)"}`);
    button.type = "button";
    button.setAttribute("aria-label", `Item ${entry.position + 1}, ${entry.answered ? "answered" : "not answered"}${entry.flagged ? ", flagged" : ""}`);
    button.addEventListener("click", () => onItem(() => move(entry.position)));
    const li = element("li");
    li.append(button);
    list.append(li);
  }
  box.append(list);
  box.hidden = false;
}

// An SVG element `tag` with `attributes` and `text`, appended to `parent` when there is one.
function svgNode(parent, tag, attributes, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  parent?.append(node);
  return node;
}

// A chart as an image whose `label` says in words what it shows.
const chartSvg = (width, height, label) => svgNode(null, "svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });

// Percent correct per discipline as bars coloured by band; the same facts are in the aria-label.
function chart(groups) {
  const rowHeight = 28, labelWidth = 250, scale = 2.4;
  const svg = chartSvg(labelWidth + 100 * scale + 130, groups.length * rowHeight + 8, "Percent correct by discipline: " +
    groups.map((g) => `${g.name} ${Math.round(g.percent)} percent, ${g.band} the passing standard`).join("; "));
  const add = (tag, attributes, text) => svgNode(svg, tag, attributes, text);
  groups.forEach((group, i) => {
    const y = i * rowHeight + 6;
    add("text", { x: 0, y: y + 13 }, group.name);
    add("rect", { x: labelWidth, y, height: 18, width: Math.max(1, group.percent * scale), class: `band-${group.band}` });
    add("text", { x: labelWidth + group.percent * scale + 6, y: y + 13 }, `${percent(group.percent)} (${group.band})`);
  });
  return svg;
}

async function showResults() {
  clearInterval(state.timer);
  const report = await api("POST", `/api/sessions/${store.current}/finish`);
  store.current = null;
  show("result-view");
  $("notice").textContent = report.notice + (report.scale.provisional ? " The passing standard is provisional." : "");
  const summary = $("summary");
  // With no answer there is no estimate (ability null): the prior is not a score.
  const scores = report.ability === null ? [element("p", `${report.session.label}: no answers, so no score.`)] : [
    element("p", `${report.session.label}: ${report.correct} of ${report.answered} answered correctly (${percent(report.percent, 1)}).`),
    element("p", report.scaled_score !== null ? `Estimated scaled score ${report.scaled_score} (pass mark ${report.scale.passing_score}).` : ""),
    element("p", `Estimated probability of passing: ${percent(100 * report.pass_probability)}.`)];
  summary.replaceChildren(...scores,
    element("p", `Item difficulties: ${report.difficulties.provisional_items} author estimates, ${report.difficulties.calibrated_items} calibrated.`, "note"));
  const estimated = report.disciplines.filter((group) => group.band !== null);
  $("chart").replaceChildren(...(estimated.length ? [chart(estimated)] : []));
  const list = $("review-list");
  list.replaceChildren();
  const missed = [];
  for (const entry of report.review) {
    if (!entry.correct) missed.push(entry.item_id);
    const li = element("li");
    li.append(element("p", entry.stem, "stem"));
    entry.options.forEach((text, index) => {
      const mark = letters[index] === entry.key ? "✓ correct answer" : entry.choice === letters[index] ? "✗ your answer" : "";
      li.append(element("p", `${letters[index]}. ${text}${mark ? ` — ${mark}` : ""}`, mark ? "marked" : ""));
    });
    li.append(element("p", entry.explanation, "explanation"));
    list.append(li);
  }
  $("retake").hidden = missed.length === 0;
  // The server works out which items were missed; the page sends no item ids.
  $("retake").onclick = () => begin({}, `/api/sessions/${report.session.id}/retake`);
}

async function showHistory() {
  const ids = store.sessions;
  const box = $("history");
  if (!ids.length) { box.replaceChildren(element("p", "No sessions yet.")); return; }
  const sessions = await api("GET", `/api/history?ids=${ids.join(",")}`);
  const table = element("table");
  table.append(row(["Started", "Session", "Answered", "Percent", "Estimated score"], "", "th"));
  for (const report of sessions) {
    table.append(row([new Date(report.session.started_at_ms).toLocaleString(), report.session.label,
                      `${report.answered} of ${report.item_count}`,
                      report.scores_withheld ? "in progress" : report.answered ? percent(report.percent, 1) : "–",
                      report.scores_withheld ? "in progress" : String(report.scaled_score ?? "–")]));
  }
  box.replaceChildren(table);
  $("trend").replaceChildren(trendChart(sessions.filter((r) => !r.scores_withheld && r.scaled_score != null).reverse()));
}

// Estimated scaled score of each finished or started exam, oldest first, against the pass mark.
function trendChart(exams) {
  if (exams.length < 2) return element("p", exams.length ? "Take another exam to see a trend." : "");
  const width = 480, height = 160, pad = 30;
  const low = Math.min(...exams.map((r) => r.scale.minimum)), high = Math.max(...exams.map((r) => r.scale.maximum));
  const x = (i) => pad + (i * (width - 2 * pad)) / (exams.length - 1);
  const y = (score) => height - pad - ((score - low) * (height - 2 * pad)) / (high - low);
  const svg = chartSvg(width, height, "Estimated scaled score by exam, oldest first: " +
    exams.map((r) => `${r.session.label} ${r.scaled_score} (pass mark ${r.scale.passing_score})`).join("; "));
  const add = (tag, attributes) => svgNode(svg, tag, attributes);
  const pass = exams[exams.length - 1].scale.passing_score;
  add("line", { x1: pad, x2: width - pad, y1: y(pass), y2: y(pass), class: "pass-line" });
  add("polyline", { points: exams.map((r, i) => `${x(i)},${y(r.scaled_score)}`).join(" "), class: "trend-line" });
  exams.forEach((r, i) => add("circle", { cx: x(i), cy: y(r.scaled_score), r: 4, class: "trend-point" }));
  const figure = element("figure");
  figure.append(svg, element("figcaption", "Estimated scaled score of your exams (dashed line: pass mark). Practice estimates."));
  return figure;
}

function onKey(event) {
  if ($("exam-view").hidden || !$("shortcuts").checked || event.target.tagName === "INPUT" && event.target.type !== "radio") return;
  const key = event.key.toUpperCase();
  const index = letters.indexOf(key) >= 0 ? letters.indexOf(key) : "123456".indexOf(key);
  const radios = document.querySelectorAll("input[name=choice]");
  if (index >= 0 && index < radios.length) { radios[index].checked = true; radios[index].focus(); event.preventDefault(); }
  if (key === "T") $("timer-announce").textContent = $("timer").textContent;
}

function attachHandlers() {
  $("kinds").addEventListener("change", showDrillOptions);
  $("start-form").addEventListener("submit", startSession);
  $("item-form").addEventListener("submit", answer);
  $("previous").addEventListener("click", () => onItem(() => move(Math.max(0, state.item.position - 1))));
  $("next").addEventListener("click", () => onItem(() => move(Math.min(state.item.item_count - 1, state.item.position + 1))));
  $("flag").addEventListener("click", () => onItem(async () => {
    await api("POST", `/api/sessions/${store.current}/flag`, { position: state.item.position, flagged: !state.item.flagged });
    state.item.flagged = !state.item.flagged;
    renderItem();
  }));
  $("review").addEventListener("click", () => onItem(showFormReview));
  $("finish").addEventListener("click", () => {
    if (confirm("Submit the exam? You cannot change answers afterwards.")) onItem(showResults);
  });
  $("home").addEventListener("click", () => { show("start-view"); attempt(showHistory, $("history")); });
  document.addEventListener("keydown", onKey);
}

async function init() {
  attachHandlers();  // before any network wait, so an early Enter never submits the form natively
  $("student").value = store.student;
  await attempt(async () => {
    const [exams, disciplines] = await Promise.all([api("GET", "/api/blueprints"), api("GET", "/api/disciplines")]);
    listExams(exams);
    for (const d of disciplines) $("disciplines").append(option(`${d.name} (${d.items})`, d.id));
    for (const topic of [...new Set(disciplines.flatMap((d) => d.topics))].sort()) $("topic").append(option(topic));
  }, $("start-error"), () => {
    if (!document.querySelector("input[name=kind]:checked")) listExams([]);  // a drill can still start
    return false;
  });
  if (store.current) {
    try { await loadItem(); document.body.dataset.ready = "true"; return; } catch { store.current = null; }
  }
  show("start-view");
  await attempt(showHistory, $("history"));
  document.body.dataset.ready = "true";
}

init();
