// What the quiz (app.js) and the instructor pages (instructor.js) share: the
// JSON API with one error handling, an item shown as text, DOM helpers and the
// formatting of times, numbers and percents.

export const $ = (id) => document.getElementById(id);

// Option letters: an item has 3 to 6 options, shown as A–F.
export const letters = "ABCDEF";

// --- the API ---------------------------------------------------------------

// An error answered by the API ({"error": {"code", "message", "problems"?}}), or
// a failure to reach it (status 0, code "network").
export class ApiError extends Error {
  constructor(message, { status = 0, code = "network", problems = [] } = {}) {
    super(message);
    Object.assign(this, { name: "ApiError", status, code, problems });
  }
}

// Sends `body` (if any) as JSON and resolves to the decoded answer; rejects with
// an ApiError for every failure, so that callers handle one kind of error.
export async function api(method, path, body, headers = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError("The server did not answer. Is mltprep serve still running?");
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // not JSON: described below by the status alone
  }
  if (!response.ok) {
    const error = data?.error || {};
    throw new ApiError(error.message || `${response.status} ${response.statusText}`,
                       { status: response.status, code: error.code || "http", problems: error.problems || [] });
  }
  if (data === null) throw new ApiError(`The server's answer to ${path} was not JSON.`, { status: response.status, code: "invalid_answer" });
  return data;
}

// Writes `error` into `box` as text: its message after `lead`, then each of its
// problems (an invalid item's) as a list.
export function showError(box, error, lead = "") {
  box.replaceChildren(element("p", lead + error.message));
  if (error.problems?.length) {
    const list = element("ul");
    for (const problem of error.problems) list.append(element("li", problem.text || problem.message));
    box.append(list);
  }
}

// Runs `action` with `box` cleared; an error is shown in `box` unless
// `recover(error)` returns true (it has dealt with it). No error is lost.
export async function attempt(action, box, recover = () => false) {
  box.replaceChildren();
  try {
    return await action();
  } catch (error) {
    if (!recover(error)) showError(box, error);
    return undefined;
  }
}

// --- the DOM ---------------------------------------------------------------

// A new element holding `text` as text: item text is text, never markup.
export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export const option = (text, value = text) => Object.assign(element("option", text), { value });

// A table row of `cellTag` cells (header cells are column headers); a cell is text or a node.
export function row(cells, className = "", cellTag = "td") {
  const tr = element("tr", undefined, className);
  for (const cell of cells) {
    const td = element(cellTag);
    if (cellTag === "th") td.scope = "col";
    if (cell instanceof Node) td.append(cell);
    else td.textContent = cell;
    tr.append(td);
  }
  return tr;
}

// Shows the element `view` of `views` (ids), hides the others, and moves the
// focus to the page's <main> so that a screen reader starts at the top.
export function showOnly(views, view) {
  for (const id of views) $(id).hidden = id !== view;
  $("main").focus();
}

// An item as the student sees it, as text: its stem in `stem`, and in `options`
// one labelled radio button per option, all named `name`; the option at index
// `chosen` is checked.
export function renderItem(item, { stem, options, name, chosen = null, disabled = false }) {
  stem.textContent = item.stem;
  options.replaceChildren();
  item.options.forEach((text, index) => {
    const label = element("label", undefined, "option");
    const input = Object.assign(document.createElement("input"),
                                { type: "radio", name, value: String(index), checked: chosen === index, disabled });
    label.append(input, element("span", `${letters[index]}. `, "letter"), element("span", text));
    options.append(label);
  });
}

// --- formatting ------------------------------------------------------------

// A number with `digits` decimals; "–" when there is none.
export const fixed = (value, digits = 2) => (value === null || value === undefined ? "–" : Number(value).toFixed(digits));

// A percentage (0–100) as "72.5 %"; "–" when there is none.
export const percent = (value, digits = 0) => (value === null || value === undefined ? "–" : `${fixed(value, digits)} %`);

const twoDigits = (n) => String(n).padStart(2, "0");

// Time left on a clock, `ms` milliseconds: "2 h 05 min" from an hour up, "4:05" below.
export function timeLeft(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return h ? `${h} h ${twoDigits(m)} min` : `${m}:${twoDigits(s)}`;
}

// A time limit of `minutes`: "2 h 30 min", "3 h", "45 min"; "untimed" without one.
export function timeLimit(minutes) {
  if (!(minutes > 0)) return "untimed";
  const h = Math.floor(minutes / 60), m = Math.round(minutes % 60);
  return [h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}
