// The instructor pages: every check (the bank rules, the token, what an edit
// does to past answers) is the server's; this page only shows and sends.
import { $, api as anyoneApi, attempt, element, fixed, letters, option, renderItem, row, showError, showOnly } from "./common.js";

const tokenKey = "mltprep.instructor";
let items = [];
let editing = null;  // the id of the item open in the editor; null for a new item

// The instructor routes, with the token of this tab.
const api = (method, path, body) =>
  anyoneApi(method, path, body, { Authorization: `Bearer ${sessionStorage.getItem(tokenKey) || ""}` });

const flagList = (flags) => element("span", flags.join("; "), flags.length ? "flag" : "");

function show(section) {
  showOnly(["items-view", "editor-view", "analysis-view", "calibration-view"], section);
  for (const button of document.querySelectorAll("nav [data-section]")) {
    button.setAttribute("aria-pressed", String(button.dataset.section === section));
  }
}

// A token the server refuses sends the instructor back to the token form.
function unauthorized(error) {
  if (error.status !== 401) return false;
  logout("The token was not accepted: check it, or issue a new one.");
  return true;
}

const handle = (action, errorBox = "desk-error") => attempt(action, $(errorBox), unauthorized);

function logout(message = "") {
  sessionStorage.removeItem(tokenKey);
  $("desk").hidden = true;
  $("login-view").hidden = false;
  $("login-error").textContent = message;
  $("token").focus();
}

// --- the item list ---------------------------------------------------------

function difficultyText(item) {
  const m = item.measurement;
  return m.calibrated ? `b ${fixed(m.b)} (calibrated, n ${m.n})` : `${item.difficulty} (author estimate)`;
}

function matches(item) {
  const f = (id) => $(id).value;
  const flags = item.stats?.flags || [];
  if (f("filter-discipline") && item.discipline !== f("filter-discipline")) return false;
  if (f("filter-topic") && !item.topics.includes(f("filter-topic"))) return false;
  if (f("filter-level") && item.level !== f("filter-level")) return false;
  if (f("filter-flags") === "flagged" && !flags.length) return false;
  if (f("filter-flags") === "none" && flags.length) return false;
  if (f("filter-status") === "active" && item.retired) return false;
  if (f("filter-status") === "retired" && !item.retired) return false;
  const text = f("filter-text").trim().toLowerCase();
  return !text || item.id.toLowerCase().includes(text) || item.stem.toLowerCase().includes(text);
}

function renderItems() {
  const shown = items.filter(matches);
  $("items-count").textContent = `${shown.length} of ${items.length} items`;
  const body = $("items-table").tBodies[0];
  body.replaceChildren();
  for (const item of shown) {
    const open = element("button", item.id, "link");
    open.type = "button";
    open.addEventListener("click", () => handle(() => openItem(item.id)));
    const stats = item.stats;
    body.append(row([open, item.discipline, item.topics[0] || "", item.level, difficultyText(item),
                     stats ? String(stats.responses) : "0", fixed(stats?.facility), fixed(stats?.discrimination),
                     flagList([...(item.retired ? ["retired"] : []), ...(stats?.flags || [])])],
                    stats?.flags?.length ? "flagged" : ""));
  }
}

function fillTopics() {
  const discipline = $("filter-discipline").value;
  const topics = new Set(items.filter((i) => !discipline || i.discipline === discipline).flatMap((i) => i.topics));
  const chosen = $("filter-topic").value;
  $("filter-topic").replaceChildren(option("All", ""));
  for (const topic of [...topics].sort()) $("filter-topic").append(option(topic));
  $("filter-topic").value = topics.has(chosen) ? chosen : "";
}

async function loadItems() {
  items = await api("GET", "/api/instructor/items");
  fillTopics();
  renderItems();
}

// --- the editor --------------------------------------------------------------

function optionInputs(options, answer) {
  const box = $("f-options");
  box.replaceChildren();
  for (let index = 0; index < 6; ++index) {
    const line = element("div", undefined, "option-edit");
    const radio = Object.assign(document.createElement("input"),
                                { type: "radio", name: "f-answer", value: letters[index], checked: answer === letters[index] });
    radio.setAttribute("aria-label", `Option ${letters[index]} is the answer`);
    const text = Object.assign(document.createElement("input"), { id: `f-option-${index}`, value: options[index] || "" });
    text.setAttribute("aria-label", `Option ${letters[index]}${index >= 4 ? " (optional)" : ""}`);
    line.append(radio, element("span", `${letters[index]}. `, "letter"), text);
    box.append(line);
  }
}

function fillForm(item) {
  $("f-id").value = item.id || "";
  $("f-discipline").value = item.discipline || $("f-discipline").options[0].value;
  $("f-topics").value = (item.topics || []).join(", ");
  $("f-level").value = item.level || "recall";
  $("f-difficulty").value = item.difficulty || "medium";
  $("f-stem").value = item.stem || "";
  optionInputs(item.options || [], item.answer || "A");
  $("f-explanation").value = item.explanation || "";
  $("f-references").value = (item.references || []).join("\n");
  $("item-problems").replaceChildren();
  $("preview").hidden = true;
}

// The item as the bank format has it; the server checks everything.
function formItem() {
  const options = [];
  for (let index = 0; index < 6; ++index) {
    const text = $(`f-option-${index}`).value.trim();
    if (text) options.push(text);
  }
  const checked = document.querySelector("input[name=f-answer]:checked");
  return {
    id: $("f-id").value.trim(), discipline: $("f-discipline").value,
    topics: $("f-topics").value.split(",").map((t) => t.trim()).filter(Boolean),
    level: $("f-level").value, difficulty: $("f-difficulty").value, stem: $("f-stem").value.trim(), options,
    answer: checked ? checked.value : "", explanation: $("f-explanation").value.trim(),
    references: $("f-references").value.split("\n").map((r) => r.trim()).filter(Boolean),
  };
}

function renderStats(stats, measurement) {
  const box = $("item-stats");
  box.replaceChildren(element("p", measurement.calibrated
    ? `Difficulty: b ${fixed(measurement.b)} logits, calibrated from ${measurement.n} responses (${measurement.source}).`
    : `Difficulty: the author's estimate (provisional b ${fixed(measurement.b)}).`, "note"));
  if (!stats) { box.append(element("p", "No answers to this version yet.", "note")); return; }
  box.append(element("p", `${stats.responses} responses · p ${fixed(stats.facility)} · r_pb ${fixed(stats.discrimination)} · ` +
                          `median ${fixed(stats.median_seconds, 0)} s`));
  const list = element("ul");
  for (const [letter, count] of Object.entries(stats.choices)) {
    list.append(element("li", `${letter}: ${count}${letter === stats.key ? " (key)" : ""}`));
  }
  box.append(list);
  if (stats.flags.length) box.append(element("p", `Flags: ${stats.flags.join("; ")}`, "flag"));
}

async function openItem(id) {
  const data = await api("GET", `/api/instructor/items/${id}`);
  editing = id;
  fillForm(data.item);
  $("f-id").readOnly = true;
  $("editor-title").textContent = `Item ${id}`;
  $("editor-status").textContent = `Version ${data.version}, bank ${data.bank}${data.retired ? ", retired (no longer drawn)" : ""}. ` +
    "Saving makes a new version; past answers keep the version they were given with.";
  $("retire").hidden = false;
  $("retire").textContent = data.retired ? "Return to use" : "Retire";
  $("retire").dataset.retired = String(data.retired);
  renderStats(data.stats, data.measurement);
  show("editor-view");
}

function newItem() {
  editing = null;
  fillForm({});
  $("f-id").readOnly = false;
  $("editor-title").textContent = "New item";
  $("editor-status").textContent = "New items go into the bank \"instructor\" and are checked as `bank validate` checks a bank.";
  $("retire").hidden = true;
  $("item-stats").replaceChildren();
  show("editor-view");
}

function preview() {
  renderItem(formItem(), { stem: $("preview-stem"), options: $("preview-options"), name: "preview-choice", disabled: true });
  $("preview").hidden = false;
}

function save() {
  return attempt(async () => {
    const item = formItem();
    const data = editing ? await api("PUT", `/api/instructor/items/${editing}`, item)
                         : await api("POST", "/api/instructor/items", item);
    await loadItems();
    await openItem(data.item.id);
    $("editor-status").textContent = `${data.changed ? "Saved as version " + data.version : "No change to save"}. ` +
      $("editor-status").textContent;
  }, $("item-problems"), (error) => {
    if (unauthorized(error)) return true;
    showError($("item-problems"), error, "Not saved: ");
    return true;
  });
}

// --- analysis and calibration ---------------------------------------------

async function loadAnalysis() {
  const data = await api("GET", "/api/instructor/analysis");
  $("analysis-summary").textContent = `${data.responses} final answers in ${data.sessions} sessions. ` +
    "p = proportion correct; r_pb = corrected point-biserial. Flagged rows are highlighted.";
  const body = $("analysis-table").tBodies[0];
  body.replaceChildren();
  for (const item of data.items) {
    const choices = Object.entries(item.choices).map(([l, n]) => `${l}${l === item.key ? "*" : ""} ${n}`).join(" · ");
    body.append(row([item.id, String(item.version), String(item.responses), fixed(item.facility), fixed(item.discrimination),
                     choices, fixed(item.median_seconds, 0), flagList(item.flags)], item.flags.length ? "flagged" : ""));
  }
  const forms = $("forms");
  forms.replaceChildren();
  if (!data.forms.length) forms.append(element("p", "No finished fixed-form sessions yet.", "note"));
  for (const form of data.forms) {
    forms.append(element("p", `${form.blueprint}: ${form.items} items, ${form.sessions} sessions, ` +
                              `Cronbach's alpha ${fixed(form.alpha)}`));
  }
}

async function loadCalibration() {
  const data = await api("GET", `/api/instructor/calibration?min_responses=${encodeURIComponent($("min-responses").value)}`);
  $("calibration-summary").textContent = `${data.method}: ${data.items.length} items from ${data.sessions} sessions ` +
    `(${data.sessions_extreme} with all right or all wrong left out); ` +
    `${data.converged ? "converged" : "did not converge"} after ${data.iterations} iterations. Misfitting rows are highlighted.`;
  const body = $("calibration-table").tBodies[0];
  body.replaceChildren();
  for (const item of data.items) {
    body.append(row([item.id, String(item.responses), `${fixed(item.current_b)} (${item.current_source})`, fixed(item.b),
                     fixed(item.se), fixed(item.infit), fixed(item.outfit),
                     flagList(item.misfit ? ["misfit: infit outside 0.7–1.3"] : [])], item.misfit ? "flagged" : ""));
  }
  $("calibration-skipped").replaceChildren(...data.skipped.map((s) => element("li", `${s.id} (${s.responses} responses): ${s.reason}`)));
}

// --- wiring ------------------------------------------------------------------

async function openDesk() {
  $("login-view").hidden = true;
  $("desk").hidden = false;
  await handle(loadItems);
  show("items-view");
}

async function init() {
  await handle(async () => {
    for (const d of await anyoneApi("GET", "/api/disciplines")) {
      $("filter-discipline").append(option(d.name, d.id));
      $("f-discipline").append(option(d.name, d.id));
    }
  }, "login-error");
  $("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(tokenKey, $("token").value.trim());
    openDesk();
  });
  $("logout").addEventListener("click", () => logout());
  for (const button of document.querySelectorAll("nav [data-section]")) {
    button.addEventListener("click", () => handle(async () => {
      if (button.dataset.section === "items-view") await loadItems();
      if (button.dataset.section === "analysis-view") await loadAnalysis();
      show(button.dataset.section);
    }));
  }
  $("filters").addEventListener("input", (event) => {
    if (event.target.id === "filter-discipline") fillTopics();
    renderItems();
  });
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  $("new-item").addEventListener("click", newItem);
  $("back").addEventListener("click", () => handle(async () => { await loadItems(); show("items-view"); }));
  $("preview-button").addEventListener("click", preview);
  $("item-form").addEventListener("submit", (event) => { event.preventDefault(); save(); });
  $("retire").addEventListener("click", () => handle(async () => {
    await api("POST", `/api/instructor/items/${editing}/retire`, { retired: $("retire").dataset.retired !== "true" });
    await openItem(editing);
  }));
  $("calibration-form").addEventListener("submit", (event) => { event.preventDefault(); handle(loadCalibration); });
  if (sessionStorage.getItem(tokenKey)) await openDesk();
  document.body.dataset.ready = "true";
}

init();
