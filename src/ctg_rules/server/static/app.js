// ctg-rules serve: the page. Plain JavaScript, no build step, nothing fetched but this server.
"use strict";

const T = {
  fr: {
    "skip": "Aller au contenu", "title": "Vérifier un dossier avant signature",
    "send": "Les documents du dossier",
    "send-help": "La convention et les délibérations de chaque partie : PDF, DOCX, ODT, texte ou YAML. Rien ne quitte cet ordinateur.",
    "drop": "Déposez les fichiers ou un dossier ici, ou :", "pick-files": "Choisir des fichiers",
    "pick-folder": "Choisir un dossier", "clear": "Vider", "reading": "Lecture des documents…",
    "downloads": "Télécharger", "dl-yaml": "Dossier corrigé (YAML)", "dl-html": "Rapport (HTML)",
    "dl-json": "Rapport (JSON)", "identity": "Le dossier", "findings": "Constats", "unchecked": "Non vérifié",
    "values": "Valeurs lues",
    "values-help": "Corrigez une valeur mal lue : le dossier est revérifié aussitôt. Les documents ne sont pas modifiés ; les corrections sont dans le dossier YAML à télécharger.",
    "footer": "ctg-rules — vérification locale : les fichiers sont lus dans un dossier temporaire effacé après chaque vérification.",
    "lang-switch": "English", "lang-label": "English version",
    "chosen": (n) => n === 1 ? "1 fichier choisi" : `${n} fichiers choisis`,
    "left-out": (names) => `Non pris en compte (type non lu) : ${names}`,
    "reading-file": (f, d, n) => `Lecture de ${f} (${d + 1} sur ${n})…`, "checking": "Vérification…",
    "ready": "Prêt à signer",
    "errors": (n) => n === 1 ? "1 erreur à corriger avant signature" : `${n} erreurs à corriger avant signature`,
    "unreadable": (n) => n === 1 ? "1 fichier n'a pas pu être lu" : `${n} fichiers n'ont pas pu être lus`,
    "nothing": "Rien n'a été vérifié",
    "warnings": (n) => n === 1 ? "1 point à examiner" : `${n} points à examiner`,
    "clean": "Aucune anomalie détectée.", "no-finding": "Aucun constat.",
    "error": "Erreur", "warning": "Avertissement", "info": "Information",
    "what": "Ce qui est vérifié", "why": "Pourquoi", "reference": "Référence", "where": "Lu dans",
    "page": "page", "line": "ligne", "correct": "Corriger cette valeur", "explain": "Explication",
    "convention": "Convention", "period": "Période", "parties": "Parties", "party": "Partie",
    "representative": "Représentée par", "approval": "Délibération d'approbation", "none": "aucune trouvée",
    "deliberations": "Délibérations", "number": "Numéro", "body": "Assemblée", "session": "Séance",
    "subject": "Objet", "documents": "Documents", "links": "Rattachements",
    "not-checked-file": "non vérifié", "skipped": "ignoré (pas un dossier ni un acte reconnu)",
    "file-error": "illisible", "busy": "Vérification en cours…", "done": "Vérifié.",
    "corrected": (n) => n === 1 ? "1 valeur corrigée" : `${n} valeurs corrigées`,
    "key-field": "Ce numéro relie la délibération au dossier : corrigez-le dans le document.",
    "no-values": "Aucune valeur à corriger ici (plusieurs dossiers, ou rien de lu).",
    "failed": "La vérification n'a pas pu se faire : ", "to": "au", "from": "du",
    "count": (n) => n === 1 ? "1 valeur" : `${n} valeurs`,
  },
  en: {
    "skip": "Skip to content", "title": "Check a dossier before signature",
    "send": "The dossier's documents",
    "send-help": "The convention and each party's deliberation: PDF, DOCX, ODT, text or YAML. Nothing leaves this computer.",
    "drop": "Drop the files or a folder here, or:", "pick-files": "Choose files",
    "pick-folder": "Choose a folder", "clear": "Clear", "reading": "Reading the documents…",
    "downloads": "Download", "dl-yaml": "Corrected dossier (YAML)", "dl-html": "Report (HTML)",
    "dl-json": "Report (JSON)", "identity": "The dossier", "findings": "Findings", "unchecked": "Not checked",
    "values": "Values read",
    "values-help": "Correct a misread value: the dossier is checked again at once. The documents are not changed; the corrections are in the YAML dossier to download.",
    "footer": "ctg-rules — checked on this computer: files are read in a temporary folder deleted after each check.",
    "lang-switch": "Français", "lang-label": "Version française",
    "chosen": (n) => n === 1 ? "1 file chosen" : `${n} files chosen`,
    "left-out": (names) => `Left out (type not read): ${names}`,
    "reading-file": (f, d, n) => `Reading ${f} (${d + 1} of ${n})…`, "checking": "Checking…",
    "ready": "Ready to sign",
    "errors": (n) => n === 1 ? "1 error to correct before signature" : `${n} errors to correct before signature`,
    "unreadable": (n) => n === 1 ? "1 file could not be read" : `${n} files could not be read`,
    "nothing": "Nothing was checked",
    "warnings": (n) => n === 1 ? "1 point to review" : `${n} points to review`,
    "clean": "No problem found.", "no-finding": "No finding.",
    "error": "Error", "warning": "Warning", "info": "Information",
    "what": "What is checked", "why": "Why", "reference": "Reference", "where": "Read in",
    "page": "page", "line": "line", "correct": "Correct this value", "explain": "Explanation",
    "convention": "Convention", "period": "Period", "parties": "Parties", "party": "Party",
    "representative": "Represented by", "approval": "Approving deliberation", "none": "none found",
    "deliberations": "Deliberations", "number": "Number", "body": "Council", "session": "Session",
    "subject": "Subject", "documents": "Documents", "links": "Links",
    "not-checked-file": "not checked", "skipped": "skipped (no dossier or act recognised)",
    "file-error": "unreadable", "busy": "Checking…", "done": "Checked.",
    "corrected": (n) => n === 1 ? "1 value corrected" : `${n} values corrected`,
    "key-field": "This number ties the deliberation to the dossier: correct it in the document.",
    "no-values": "No value to correct here (several dossiers, or nothing read).",
    "failed": "The check could not run: ", "to": "to", "from": "from",
    "count": (n) => n === 1 ? "1 value" : `${n} values`,
  },
};
const ACCEPTED = /\.(pdf|docx|odt|txt|md|text|markdown|ya?ml)$/i;
const KEY_FIELD = /^(deliberations\[\d+\]\.number|convention\.(parties|annexes)\[\d+\]\.id)$/;
const state = { lang: "fr", files: [], corrections: new Map(), result: null, rules: null, busy: false, again: false };

const $ = (id) => document.getElementById(id);
function t(key, ...args) {
  const value = T[state.lang][key];
  return typeof value === "function" ? value(...args) : (value ?? key);
}
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}
function fmtPath(path) {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
}
function say(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

// --- language ------------------------------------------------------------------------------------

function applyLang() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  const other = state.lang === "fr" ? "en" : "fr";
  $("lang").textContent = t("lang-switch");
  $("lang").setAttribute("lang", other);
  $("lang").setAttribute("aria-label", t("lang-label"));
  document.title = `ctg-rules — ${t("title")}`;
}
async function switchLang() {
  state.lang = state.lang === "fr" ? "en" : "fr";
  applyLang();
  state.rules = null;
  if (state.files.length) await check();
}

// --- choosing files ----------------------------------------------------------------------------

function choose(list) {
  const kept = [], left = [];
  for (const item of list) {
    const hidden = item.name.split("/").some((part) => part.startsWith("."));
    (ACCEPTED.test(item.name) && !hidden ? kept : left).push(item);
  }
  state.files = kept;
  state.corrections.clear();
  $("chosen").hidden = !kept.length;
  $("chosen-text").textContent = `${t("chosen", kept.length)} : ${kept.map((f) => f.name).join(", ")}`;
  if (left.length) say(t("left-out", left.map((f) => f.name).join(", ")));
  if (kept.length) check();
}
function fromInput(input) {
  choose([...input.files].map((file) => ({ file, name: file.webkitRelativePath || file.name })));
  input.value = "";
}
async function fromEntry(entry, prefix) {
  if (entry.isFile) return [await new Promise((ok, ko) => entry.file((file) => ok({ file, name: prefix + file.name }), ko))];
  const reader = entry.createReader(), out = [];
  for (;;) {
    const batch = await new Promise((ok, ko) => reader.readEntries(ok, ko));
    if (!batch.length) return out;
    for (const child of batch) out.push(...(await fromEntry(child, `${prefix}${entry.name}/`)));
  }
}
async function fromDrop(event) {
  event.preventDefault();
  $("drop").classList.remove("over");
  const items = [...(event.dataTransfer.items || [])];
  const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
  if (entries.length && entries.every(Boolean)) {
    const found = [];
    for (const entry of entries) found.push(...(await fromEntry(entry, "")));
    choose(found);
  } else {
    choose([...event.dataTransfer.files].map((file) => ({ file, name: file.name })));
  }
}

// --- talking to the server -----------------------------------------------------------------------

function form(extra = {}, corrected = true) {
  const data = new FormData();
  const result = state.result;
  const replaced = corrected && result && result.yaml_name && state.corrections.size ? result.yaml_name : null;
  for (const { file, name } of state.files) {
    if (replaced && name === replaced) continue;
    data.append("files", file, name);
  }
  if (replaced) data.append("files", new File([result.yaml], replaced, { type: "application/yaml" }), replaced);
  data.append("lang", state.lang);
  for (const [key, value] of Object.entries(extra)) data.append(key, value);
  return data;
}
async function rules() {
  if (!state.rules) {
    const answer = await fetch(`/api/rules?lang=${state.lang}`);
    state.rules = Object.fromEntries((await answer.json()).map((r) => [r.code, r]));
  }
  return state.rules;
}
async function check() {
  if (state.busy) { state.again = true; return; }
  state.busy = true;
  say(t("busy"));
  $("progress-box").hidden = false;
  $("progress").removeAttribute("value");
  try {
    const corrections = JSON.stringify([...state.corrections.values()]);
    const data = form({ corrections }, false);
    const answer = await fetch("/api/review", { method: "POST", body: data });
    if (!answer.ok) throw new Error((await answer.json()).error || answer.statusText);
    const result = await readEvents(answer);
    if (result) { await rules(); render(result); say(t("done")); }
  } catch (error) {
    say(t("failed") + error.message, true);
  } finally {
    state.busy = false;
    $("progress-box").hidden = true;
    if (state.again) { state.again = false; check(); }
  }
}
async function readEvents(answer) {
  const reader = answer.body.getReader(), decoder = new TextDecoder();
  let buffer = "", result = null;
  for (;;) {
    const { done, value } = await reader.read();
    buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
    let cut;
    while ((cut = buffer.indexOf("\n")) >= 0) {
      const event = JSON.parse(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 1);
      if (event.type === "progress") progress(event);
      else if (event.type === "error") throw new Error(event.message);
      else if (event.type === "result") result = event;
    }
    if (done) return result;
  }
}
function progress(event) {
  const bar = $("progress");
  bar.max = Math.max(event.total, 1);
  bar.value = event.done;
  $("progress-label").textContent = event.file ? t("reading-file", event.file, event.done, event.total) : t("checking");
}

// --- the result ------------------------------------------------------------------------------------

function render(result) {
  state.result = result;
  $("result").hidden = false;
  renderVerdict(result.report);
  renderIdentity(result.dossier, result.report);
  renderValues(result.dossier, result.labels);  // before the findings: they point at its fields
  renderFindings(result.report, result.labels);
  renderUnchecked(result.report, result.messages);
  $("dl-yaml").disabled = !result.yaml;
  $("verdict-title").focus();
}
function renderVerdict(report) {
  const s = report ? report.summary : { errors: 1, checked: 0, by_severity: {} };
  const errors = s.by_severity.error || 0, warnings = s.by_severity.warning || 0;
  let css = "ok", title = t("ready");
  if (s.errors) { css = "fail"; title = t("unreadable", s.errors); }
  else if (errors) { css = "fail"; title = t("errors", errors); }
  else if (!s.checked) { css = "warn"; title = t("nothing"); }
  else if (warnings) css = "warn";
  $("verdict").className = `verdict ${css}`;
  $("verdict-title").textContent = title;
  const sub = [];
  if (errors && s.errors) sub.push(t("errors", errors));
  if (warnings) sub.push(t("warnings", warnings));
  if (!errors && !warnings && s.checked) sub.push(t("clean"));
  if (state.corrections.size) sub.push(t("corrected", state.corrections.size));
  $("verdict-sub").textContent = sub.join(" · ");
}
function dateText(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
  return m ? (state.lang === "fr" ? `${m[3]}/${m[2]}/${m[1]}` : value) : (value ?? "—");
}
function facts(rows) {
  return el("dl", { class: "facts" }, rows.filter((r) => r[1] !== null && r[1] !== undefined && r[1] !== "")
    .flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, v)]));
}
function personText(p) {
  if (!p) return null;
  return typeof p === "string" ? p : [p.name, p.role].filter(Boolean).join(", ");
}
function renderIdentity(dossier, report) {
  const body = $("identity-body");
  body.replaceChildren();
  if (!dossier) {
    const files = report ? report.files.map((f) => f.path).join(", ") : "";
    body.append(el("p", { class: "muted", text: files }));
    return;
  }
  const conv = dossier.convention, delibs = dossier.deliberations || [];
  if (conv) {
    const period = conv.period ? `${t("from")} ${dateText(conv.period.start)} ${t("to")} ${dateText(conv.period.end)}` : null;
    body.append(el("h3", { text: t("convention") }), facts([
      [t("convention"), [conv.title, conv.type && `(${conv.type}${conv.status ? ", " + conv.status : ""})`].filter(Boolean).join(" ")],
      [t("period"), period],
    ]));
    if ((conv.parties || []).length) body.append(partiesTable(conv.parties, delibs));
  }
  if (delibs.length) {
    body.append(el("h3", { text: t("deliberations") }), el("table", {},
      el("thead", {}, el("tr", {}, [t("number"), t("body"), t("session"), t("subject")].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, delibs.map((d) => el("tr", {},
        el("td", { text: d.number || "—" }), el("td", { text: (d.body && d.body.name) || "—" }),
        el("td", { text: dateText(d.session && d.session.date) }), el("td", { text: d.subject || "—" }))))));
  }
}
function partiesTable(parties, delibs) {
  const approving = (party) => {
    if (!party.deliberation) return t("none");
    const d = delibs.find((x) => String(x.number) === String(party.deliberation));
    const when = d && d.session && d.session.date ? ` (${dateText(d.session.date)})` : "";
    return `n° ${party.deliberation}${when}`;
  };
  return el("table", {},
    el("caption", { class: "visually-hidden", text: t("parties") }),
    el("thead", {}, el("tr", {}, [t("party"), t("representative"), t("approval")].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, parties.map((p) => el("tr", {},
      el("td", { text: p.name || p.id }),
      el("td", { text: (p.representatives || []).map(personText).filter(Boolean).join(" ; ") || "—" }),
      el("td", { text: approving(p) })))));
}
function renderFindings(report, labels) {
  const body = $("problems-body");
  body.replaceChildren();
  const findings = report ? report.findings.filter((f) => !f.suppressed) : [];
  if (!findings.length) { body.append(el("p", { text: t("no-finding") })); return; }
  const order = { error: 0, warning: 1, info: 2 }, areas = new Map();
  for (const f of findings) {
    const rule = state.rules[f.code] || {};
    const key = rule.area_title || rule.area || "—";
    if (!areas.has(key)) areas.set(key, []);
    areas.get(key).push(f);
  }
  const worst = (group) => Math.min(...group.map((f) => order[f.severity] ?? 3));
  for (const [area, group] of [...areas].sort((a, b) => worst(a[1]) - worst(b[1]))) {
    group.sort((a, b) => order[a.severity] - order[b.severity]);
    body.append(el("div", { class: "area" }, el("h3", { text: `${area} (${group.length})` }), group.map((f) => finding(f, labels))));
  }
}
function finding(f, labels) {
  const rule = state.rules[f.code] || {};
  const where = [f.file, f.page && `${t("page")} ${f.page}`, f.line && `${t("line")} ${f.line}`].filter(Boolean).join(", ");
  const field = f.path && fieldFor(f.path);
  return el("article", { class: `finding ${f.severity}`, "data-code": f.code },
    el("h4", {}, el("span", { class: `badge ${f.severity}`, text: t(f.severity) }), el("code", { text: f.code }), ` ${rule.title || ""}`),
    el("p", { class: "message", text: f.message }),
    where ? el("p", { class: "where" }, `${t("where")} : ${where}`, f.path && labels[f.path] ? ` — ${labels[f.path]}` : "") : null,
    f.excerpt ? el("blockquote", { class: "excerpt", text: f.excerpt }) : null,
    (rule.what_plain || rule.why_plain) ? el("details", {}, el("summary", { text: t("explain") }),
      rule.what_plain ? el("p", {}, el("b", { text: `${t("what")} : ` }), rule.what_plain) : null,
      rule.why_plain ? el("p", {}, el("b", { text: `${t("why")} : ` }), rule.why_plain) : null) : null,
    f.reference ? el("p", { class: "ref" }, el("b", { text: `${t("reference")} : ` }), f.reference) : null,
    field ? el("button", { type: "button", class: "fix", text: t("correct"), onclick: () => reach(field) }) : null);
}
function fieldFor(path) {
  // the value itself, else the first value under it (a vote: its counts)
  const inputs = [...document.querySelectorAll("#values-body input[data-path]")];
  const exact = inputs.find((i) => i.dataset.path === path);
  if (exact) return exact;
  const under = inputs.find((i) => i.dataset.path.startsWith(path + ".") || i.dataset.path.startsWith(path + "["));
  return under || null;
}
function reach(input) {
  const group = input.closest("details");
  if (group) group.open = true;
  input.scrollIntoView({ block: "center" });
  input.focus();
  if (input.select) input.select();
}
function renderUnchecked(report, messages) {
  const items = [];
  for (const f of report ? report.files : []) {
    if (f.status === "skipped") items.push(`${f.path} : ${f.reason || t("skipped")}`);
    for (const what of f.not_checked || []) items.push(`${f.path} : ${typeof what === "string" ? what : what.message || JSON.stringify(what)}`);
  }
  for (const e of report ? report.errors : []) items.push(`${e.file}${e.line ? ":" + e.line : ""} : ${t("file-error")} — ${e.message}`);
  if (messages) items.push(...messages.split("\n").filter(Boolean));
  $("unchecked").hidden = !items.length;
  $("unchecked-body").replaceChildren(el("ul", {}, items.map((text) => el("li", { text }))));
}

// --- correcting values --------------------------------------------------------------------------

function leaves(node, path, out) {
  if (Array.isArray(node)) node.forEach((v, i) => leaves(v, [...path, i], out));
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) leaves(v, [...path, k], out);
  else out.push([path, node]);
  return out;
}
function renderValues(dossier, labels) {
  const body = $("values-body");
  body.replaceChildren();
  if (!dossier) { body.append(el("p", { class: "muted", text: t("no-values") })); return; }
  const groups = new Map();
  for (const [path, value] of leaves(dossier, [], [])) {
    const head = typeof path[1] === "number" ? path.slice(0, 2) : path.slice(0, 1);
    const key = fmtPath(head);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push([path, value]);
  }
  for (const [key, items] of groups) {
    const changed = items.some(([path]) => state.corrections.has(fmtPath(path)));
    body.append(el("details", { class: "group", open: changed || groups.size === 1 },
      el("summary", { text: `${labels[key] || key} (${t("count", items.length)})` }),
      el("fieldset", {}, el("legend", { class: "visually-hidden", text: labels[key] || key }),
        el("div", { class: "fields" }, items.flatMap(([path, value]) => fieldRow(path, value, labels))))));
  }
}
function fieldRow(path, value, labels) {
  const key = fmtPath(path), id = `v-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const attrs = { id, "data-path": key, name: key };
  if (typeof value === "boolean") Object.assign(attrs, { type: "checkbox", checked: value });
  else if (typeof value === "number") Object.assign(attrs, { type: "number", value: String(value), step: "any" });
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value || "")) Object.assign(attrs, { type: "date", value });
  else Object.assign(attrs, { type: "text", value: value ?? "" });
  const documents = state.files.some((f) => !/\.ya?ml$/i.test(f.name));
  if (documents && KEY_FIELD.test(key)) Object.assign(attrs, { readonly: true, title: t("key-field"), "aria-description": t("key-field") });
  if (state.corrections.has(key)) attrs.class = "changed";
  const input = el("input", attrs);
  input.addEventListener("change", () => correct(path, value, input));
  return [el("label", { for: id, text: labels[key] || key }), input];
}
function correct(path, original, input) {
  let value = input.value;
  if (input.type === "checkbox") value = input.checked;
  else if (typeof original === "number") value = value === "" ? null : Number(value);
  state.corrections.set(fmtPath(path), { path, value });
  input.classList.add("changed");
  check();
}

// --- downloads --------------------------------------------------------------------------------------

function save(blob, name) {
  const link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
async function report(format) {
  const answer = await fetch("/api/check", { method: "POST", body: form({ format }) });
  if (!answer.ok) { say(t("failed") + ((await answer.json()).error || answer.statusText), true); return; }
  save(await answer.blob(), `rapport-ctg-rules.${format}`);
}

// --- start ------------------------------------------------------------------------------------------

function start() {
  if (/^en\b/i.test(navigator.language || "") && !/[?&]lang=fr\b/.test(location.search)) state.lang = "en";
  if (/[?&]lang=en\b/.test(location.search)) state.lang = "en";
  if (/[?&]lang=fr\b/.test(location.search)) state.lang = "fr";
  applyLang();
  $("lang").addEventListener("click", switchLang);
  $("files").addEventListener("change", () => fromInput($("files")));
  $("folder").addEventListener("change", () => fromInput($("folder")));
  $("clear").addEventListener("click", () => { state.files = []; state.result = null; $("chosen").hidden = true; $("result").hidden = true; say(""); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", fromDrop);
  $("dl-yaml").addEventListener("click", () => save(new Blob([state.result.yaml], { type: "application/yaml" }), state.result.yaml_name));
  $("dl-html").addEventListener("click", () => report("html"));
  $("dl-json").addEventListener("click", () => report("json"));
}
start();
