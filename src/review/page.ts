/**
 * The review desk's page (bundled by server.ts): the queue of replies, worst
 * first, and a screen per reply where a person checks and corrects what the
 * kit read. Plain DOM, no framework: a table of 400 rows is cheap. Every
 * figure shown comes from the server, which computes it with the kit's own
 * functions; the page only sends what the person typed.
 */
import type {Evaluation, ReadingView, RecordView, ReplyView} from "./desk.js";
import {isVerdictRow, type EditRow} from "./rows.js";
import type {QualityReply} from "../lib/campaign/quality.js";
import {STATUS_WORDS} from "../lib/present/status.js";
import {api, h, put, type Child} from "./dom.js";
import {SourceView} from "./source-view.js";

/** A table with a row of column headings above the given body. */
function table(className: string, headings: readonly string[], tbody: HTMLTableSectionElement) {
  return h(
    "table",
    {class: className},
    h("thead", {}, h("tr", {}, ...headings.map((t) => h("th", {scope: "col"}, t)))),
    tbody
  );
}

const app = document.getElementById("app")!;
const REVIEWER = "foi-review.reviewer";
const ORDER = "foi-review.order";
/** The queue's filters as last set, so "← Queue" goes back to the queue the person was working through. */
const FILTERS = "foi-review.filters";

const verdictBadge = (v: string) => h("span", {class: `badge v-${v}`}, v);

// ---------------------------------------------------------------- the queue

let queueRows: QualityReply[] = [];
let selected = 0;

async function showQueue() {
  document.title = "Review desk";
  put(app, h("p", {}, "Reading the replies…"));
  try {
    queueRows = (await api<{replies: QualityReply[]}>("/api/queue")).replies;
  } catch (error) {
    put(app, h("p", {class: "error", role: "alert"}, (error as Error).message));
    return;
  }
  const params = new URLSearchParams(location.search);
  const count = (v: string) => queueRows.filter((r) => r.verdict === v).length;
  const counts = h(
    "ul",
    {class: "counts", "aria-label": "Replies by verdict"},
    ...["unreadable", "conflicting", "unverified", "verified"].map((v) =>
      h("li", {}, verdictBadge(v), " ", h("strong", {}, String(count(v))))
    ),
    h("li", {}, "with warnings ", h("strong", {}, String(queueRows.filter((r) => r.warnings > 0).length))),
    h("li", {}, "in all ", h("strong", {}, String(queueRows.length)))
  );
  const statuses = [...new Set(queueRows.map((r) => r.status))].sort();
  const verdictSelect = h(
    "select",
    {id: "f-verdict"},
    h("option", {value: ""}, "every verdict"),
    ...["needs a person", "unreadable", "conflicting", "unverified", "verified"].map((v) => h("option", {value: v}, v))
  );
  const statusSelect = h(
    "select",
    {id: "f-status"},
    h("option", {value: ""}, "every status"),
    ...statuses.map((s) => h("option", {value: s}, s))
  );
  const search = h("input", {id: "f-search", type: "search", placeholder: "council", autocomplete: "off"});
  verdictSelect.value = params.get("verdict") ?? "";
  statusSelect.value = params.get("status") ?? "";
  search.value = params.get("q") ?? "";
  const tbody = h("tbody");
  const shown = h("p", {class: "shown"});
  const render = () => {
    const v = verdictSelect.value,
      s = statusSelect.value,
      q = search.value.trim().toLowerCase();
    const rows = queueRows.filter(
      (r) =>
        (!v || (v === "needs a person" ? r.verdict !== "verified" : r.verdict === v)) &&
        (!s || r.status === s) &&
        (!q || r.authority.toLowerCase().includes(q))
    );
    sessionStorage.setItem(ORDER, JSON.stringify(rows.map((r) => r.file)));
    const u = new URLSearchParams({...(v ? {verdict: v} : {}), ...(s ? {status: s} : {}), ...(q ? {q} : {})});
    const query = u.size ? `?${u}` : "";
    sessionStorage.setItem(FILTERS, query);
    history.replaceState(null, "", `/${query}`);
    selected = Math.min(selected, Math.max(0, rows.length - 1));
    put(
      tbody,
      ...rows.map((r, i) =>
        h(
          "tr",
          {class: i === selected ? "selected" : "", "data-file": r.file},
          h("td", {}, h("a", {href: `/reply?file=${encodeURIComponent(r.file)}`, onclick: follow}, r.authority)),
          h("td", {}, verdictBadge(r.verdict)),
          h("td", {}, r.status),
          h("td", {class: "num"}, String(r.records)),
          h("td", {class: "num"}, String(r.checksFailed)),
          h("td", {class: "num"}, String(r.warnings)),
          h("td", {class: "reason"}, r.verdictReason),
          h("td", {class: "file"}, r.file)
        )
      )
    );
    shown.textContent = `${rows.length} of ${queueRows.length} replies shown, those needing a person first. j/k or ↓/↑ to move, Enter to open.`;
  };
  for (const el of [verdictSelect, statusSelect]) el.addEventListener("change", render);
  search.addEventListener("input", render);
  put(
    app,
    h("h1", {}, "Review desk"),
    counts,
    h(
      "form",
      {class: "filters", role: "search", onsubmit: (e: Event) => e.preventDefault()},
      h("label", {for: "f-verdict"}, "Verdict "),
      verdictSelect,
      h("label", {for: "f-status"}, "Status "),
      statusSelect,
      h("label", {for: "f-search"}, "Search "),
      search
    ),
    shown,
    table("queue", ["Council", "Verdict", "Status", "Records", "Checks failed", "Warnings", "Why", "File"], tbody)
  );
  render();
}

function moveSelection(by: number) {
  const rows = [...app.querySelectorAll<HTMLTableRowElement>("table.queue tbody tr")];
  if (!rows.length) return;
  rows[selected]?.classList.remove("selected");
  selected = Math.max(0, Math.min(rows.length - 1, selected + by));
  rows[selected].classList.add("selected");
  rows[selected].scrollIntoView({block: "nearest"});
  rows[selected].querySelector("a")?.focus();
}

// ---------------------------------------------------------------- a reply

let view: ReplyView | null = null;
let rows: EditRow[] = [];
let dirty = false;
let evaluation: Evaluation | null = null;
/** The rows the evaluation was made from (its `row` counts among them). */
let evaluated: EditRow[] = [];
let draftSeq = 0;
/** The reply as received (page images, sheet grid) beside its text, kept while the screen re-renders. */
let sourceView: SourceView | null = null;
const SHEET_FORMATS = ["xlsx", "xls", "ods"];
let draftTimer: number | undefined;

const fieldsOf = (r: EditRow) =>
  (["ageBand", "outcome", "count", "countLower", "countUpper"] as const).filter((k) => (r[k] ?? "") !== "");

/** The screen's edits and verdict start from a reply as the server gives it (opened, or just saved). */
function adopt(reply: ReplyView) {
  rows = reply.rows.map((r) => ({...r}));
  evaluated = rows;
  dirty = false;
  evaluation = reply.current
    ? {ok: true, reading: reply.current}
    : {ok: false, error: reply.currentError ?? "", row: null};
}

async function showReply(file: string) {
  put(app, h("p", {}, `Reading ${file}…`));
  try {
    view = await api<ReplyView>(`/api/reply?file=${encodeURIComponent(file)}`);
  } catch (error) {
    put(
      app,
      h("p", {class: "error", role: "alert"}, (error as Error).message),
      h("a", {href: "/", onclick: follow}, "Back to the queue")
    );
    return;
  }
  adopt(view);
  const shownAs =
    view.sourceFormat === "pdf" ? "pdf" : SHEET_FORMATS.includes(view.sourceFormat ?? "") ? "sheets" : null;
  // A spreadsheet the kit could not read is not laid out either (its reader's limits refused it).
  sourceView =
    shownAs && (shownAs === "pdf" || view.lines)
      ? new SourceView(view.file, shownAs, (line) => selectLine(line))
      : null;
  document.title = `${view.authority}: review desk`;
  renderReply();
}

function neighbours(file: string): {prev: string | null; next: string | null} {
  const order = JSON.parse(sessionStorage.getItem(ORDER) ?? "[]") as string[];
  const i = order.indexOf(file);
  return {prev: i > 0 ? order[i - 1] : null, next: i >= 0 && i < order.length - 1 ? order[i + 1] : null};
}

function renderReply(message?: {text: string; error?: boolean}) {
  if (!view) return;
  const v = view;
  const {prev, next} = neighbours(v.file);
  const reviewer = h("input", {
    id: "reviewer",
    value: localStorage.getItem(REVIEWER) ?? "",
    autocomplete: "name",
    oninput: (e: Event) => localStorage.setItem(REVIEWER, (e.target as HTMLInputElement).value.trim())
  });
  const text = v.lines
    ? h(
        "ol",
        {class: "text", "aria-label": `The reply's text (${v.format})`},
        ...v.lines.map((line, i) =>
          h(
            "li",
            {id: `L${i + 1}`, "data-line": String(i + 1), onclick: () => selectLine(i + 1)},
            h("span", {class: "ln", "aria-hidden": "true"}, String(i + 1)),
            h("span", {class: "lt"}, line || " ")
          )
        )
      )
    : h(
        "p",
        {class: "error"},
        `No text: ${v.textError ?? "the kit could not extract any"}. Transcribe what the reply shows.`
      );
  put(
    app,
    h(
      "header",
      {class: "bar"},
      h("a", {href: `/${sessionStorage.getItem(FILTERS) ?? ""}`, onclick: follow}, "← Queue"),
      prev
        ? h("a", {href: `/reply?file=${encodeURIComponent(prev)}`, onclick: follow, rel: "prev"}, "↑ previous (k)")
        : null,
      next
        ? h("a", {href: `/reply?file=${encodeURIComponent(next)}`, onclick: follow, rel: "next"}, "↓ next (j)")
        : null,
      h("label", {for: "reviewer"}, "Reviewer "),
      reviewer
    ),
    h("h1", {}, v.authority, " ", h("small", {}, v.file)),
    v.baseError ? h("p", {class: "error"}, `The kit could not read this reply: ${v.baseError}`) : null,
    h(
      "div",
      {class: "split"},
      h("section", {class: "source", "aria-label": "The reply as received"}, sourceView?.element ?? text),
      h(
        "section",
        {class: "reading", "aria-label": "What the kit read"},
        h("p", {id: "saved-as"}, savedAs()),
        editor(),
        verdictPart(),
        h("div", {id: "outcome"}),
        h(
          "div",
          {class: "save"},
          h("button", {id: "save", type: "button", onclick: () => void save()}, "Save (Ctrl+S)"),
          h(
            "p",
            {id: "message", role: message?.error ? "alert" : "status", class: message?.error ? "error" : "ok"},
            message?.text ?? ""
          )
        )
      )
    )
  );
  sourceView?.setText(text);
  sourceView?.load();
  renderOutcome();
}

/** The records table: the kit's records with their corrections (or a transcription's rows), every cell editable. */
function editor(): HTMLElement {
  const v = view!;
  const base = v.kind === "corrections" ? (v.base?.records ?? []) : [];
  const tbody = h("tbody");
  base.forEach((rec, i) => tbody.append(baseRow(rec, i)));
  rows.forEach((row, i) => {
    if (row.record == null && !isVerdictRow(row)) tbody.append(freeRow(row, i));
  });
  return h(
    "div",
    {class: "editor"},
    table(
      "records",
      ["Line", "Age as written", "Age band", "Outcome as written", "Outcome", "Count", "Reason", ""],
      tbody
    ),
    h(
      "button",
      {type: "button", onclick: addRow},
      v.kind === "transcription" ? "Add a row" : "Add a record the kit missed"
    )
  );
}

/** Which file a save writes: a status given to a letter the kit could not read goes in its corrections, not a transcription. */
function savedAs(): string {
  const v = view!;
  if (v.kind === "transcription" && v.verdictFile && rows.some(isVerdictRow))
    return `The kit could not read this letter; your verdict is saved as ${v.verdictFile}, and the kit reads the letter with no records.`;
  return v.kind === "transcription"
    ? `A transcription of the reply, saved as ${v.humanFile}.`
    : `What the kit read; your corrections are saved as ${v.humanFile}. The reply itself is never changed.`;
}

/**
 * "Your verdict": the person vouches for the reading (a "checked" row) or says what the reply
 * is (a "status" row: nil return, refused, not held). One of them per reply, as the kit takes
 * it; radio buttons say so. A status is offered only when no record is left (the kit refuses
 * one beside records) or for a letter the kit could not read.
 */
function verdictPart(): HTMLElement {
  const v = view!;
  const part = (...children: Child[]) =>
    h("fieldset", {class: "verdict-part", id: "verdict-part"}, h("legend", {}, "Your verdict"), ...children);
  if (!v.verdictFile)
    return part(
      h(
        "p",
        {},
        v.lines
          ? "This reply is transcribed: the transcription is your own reading, and its checks against the reply decide the verdict."
          : "The kit has no text of this reply, so a status cannot make it readable: transcribe it."
      )
    );
  const unreadable = !v.base;
  const action = (r: EditRow) => (r.action ?? "").trim().toLowerCase();
  const left = unreadable
    ? 0
    : v.base!.records.length -
      rows.filter((r) => r.record != null && action(r) === "drop").length +
      rows.filter((r) => action(r) === "add").length;
  const existing = rows.find(isVerdictRow);
  let chosen = existing ? action(existing) : "none";
  const statusOffered = unreadable || left === 0 || chosen === "status";
  const radio = (value: string, disabled = false) =>
    h("input", {
      type: "radio",
      name: "verdict",
      id: `verdict-${value}`,
      value,
      checked: chosen === value,
      disabled,
      onchange: () => choose(value)
    });
  const none = radio("none");
  const checked = radio("checked");
  const setStatus = radio("status", !statusOffered);
  // The statuses in the kit's words (present/status.ts), their values as the corrections file takes them.
  const status = h(
    "select",
    {id: "verdict-status-value", "aria-label": "The reply's status", disabled: !statusOffered},
    ...v.statuses.map((s) => h("option", {value: s}, STATUS_WORDS[s as keyof typeof STATUS_WORDS] ?? s))
  );
  status.value = existing?.status?.trim().toLowerCase() || v.statuses[0];
  // A refusal's sections, as the letter cites them ("40(2); 38"): the reason its figures are missing.
  const sections = h("input", {
    id: "verdict-sections",
    value: existing?.sections ?? "",
    placeholder: "e.g. 40(2); 38",
    size: 12
  });
  const sectionsPart = h(
    "span",
    {class: "sections", hidden: status.value !== "refused"},
    h("label", {for: "verdict-sections"}, " under sections "),
    sections
  );
  const reason = h("input", {
    id: "verdict-reason",
    value: existing?.reason ?? "",
    disabled: chosen === "none",
    placeholder: "why (needed)",
    "aria-describedby": "verdict-help"
  });
  const help = h("p", {id: "verdict-help", class: "help"});
  const explain = () => {
    help.textContent =
      chosen === "none"
        ? unreadable
          ? "The kit could not read this letter. If it gives no figures, say what it is; if it does, transcribe it."
          : "The kit's checks decide the verdict. If you compared the reading with the reply and it is right, say so."
        : "Saved with your name and the time, like every other row; the verdict below is what a build would publish.";
    if (!statusOffered)
      help.textContent += ` A status is for a reply with no records: ${left} ${left === 1 ? "remains" : "remain"}; delete ${left === 1 ? "it" : "them"} first.`;
  };
  function choose(value: string) {
    chosen = value;
    let row = rows.find(isVerdictRow);
    if (value === "none") {
      if (row) rows.splice(rows.indexOf(row), 1);
    } else {
      if (!row) {
        row = {reason: reason.value};
        rows.push(row);
      }
      row.action = value;
      if (value === "status") row.status = status.value;
      else delete row.status;
      if (value === "status" && status.value === "refused" && sections.value.trim()) row.sections = sections.value;
      else delete row.sections;
      row.changed = true;
    }
    reason.disabled = value === "none";
    explain();
    document.getElementById("saved-as")!.textContent = savedAs();
    changed();
  }
  status.addEventListener("change", () => {
    // Choosing a status is choosing to set one.
    sectionsPart.hidden = status.value !== "refused";
    setStatus.checked = true;
    choose("status");
  });
  sections.addEventListener("input", () => {
    setStatus.checked = true;
    choose("status");
  });
  reason.addEventListener("input", () => {
    const row = rows.find(isVerdictRow);
    if (!row) return;
    row.reason = reason.value;
    row.changed = true;
    changed();
  });
  explain();
  const choice = (...children: Child[]) => h("div", {class: "choice"}, ...children);
  return part(
    choice(
      none,
      h(
        "label",
        {for: "verdict-none"},
        unreadable ? "None: the letter stays unreadable" : "None: the kit's checks decide"
      )
    ),
    // A letter the kit could not read has no reading to vouch for.
    unreadable && chosen !== "checked"
      ? null
      : choice(checked, h("label", {for: "verdict-checked"}, "The reading is right: mark it checked")),
    choice(setStatus, h("label", {for: "verdict-status"}, "The reply is: "), status, sectionsPart),
    choice(h("label", {for: "verdict-reason"}, "Reason "), reason),
    help
  );
}

function changed() {
  dirty = true;
  window.clearTimeout(draftTimer);
  draftTimer = window.setTimeout(() => void recompute(), 120);
}

/** The correction row of the kit's record i, made when first needed. */
function rowFor(i: number, rec: RecordView): EditRow {
  let row = rows.find((r) => r.record === i);
  if (!row) {
    row = {record: i, line: String(rec.line), ageRaw: rec.ageRaw, outcomeRaw: rec.outcomeRaw, reason: ""};
    rows.push(row);
  }
  row.changed = true;
  return row;
}

/** Drops a correction row that no longer changes anything (the kit refuses one that does not). */
function tidy(i: number) {
  const row = rows.find((r) => r.record === i);
  if (row && row.action !== "drop" && !fieldsOf(row).length && !(row.reason ?? "").trim())
    rows.splice(rows.indexOf(row), 1);
}

/** The rows sent to the kit: a reason typed before the change it explains is kept on the page, not sent alone. */
const outgoing = () => rows.filter((r) => r.record == null || r.action === "drop" || fieldsOf(r).length);

function select(options: string[], value: string, label: string, extra: [string, string][] = []) {
  const el = h(
    "select",
    {"aria-label": label},
    ...extra.map(([v, t]) => h("option", {value: v}, t)),
    ...options.map((o) => h("option", {value: o}, o))
  );
  el.value = value;
  return el;
}

function countCell(get: () => EditRow, row: EditRow | null, rec: RecordView | null, label: string): HTMLElement {
  const withheldNow = row
    ? row.countLower != null || row.countUpper != null
      ? true
      : row.count
        ? false
        : !!rec?.countBounds
    : !!rec?.countBounds;
  const count = h("input", {
    class: "count",
    inputMode: "numeric",
    "aria-label": `${label}: count`,
    value: row?.count ?? (rec?.count != null && !rec.countBounds ? String(rec.count) : "")
  });
  const lower = h("input", {
    class: "count",
    inputMode: "numeric",
    "aria-label": `${label}: at least`,
    value: row?.countLower ?? String(rec?.countBounds?.[0] ?? "")
  });
  const upper = h("input", {
    class: "count",
    inputMode: "numeric",
    "aria-label": `${label}: at most`,
    value: row?.countUpper ?? String(rec?.countBounds?.[1] ?? "")
  });
  const withheld = h("input", {type: "checkbox", checked: withheldNow, "aria-label": `${label}: withheld`});
  const bounds = h("span", {class: "bounds", hidden: !withheldNow}, lower, "–", upper);
  count.hidden = withheldNow;
  const update = () => {
    const r = get();
    delete r.count;
    delete r.countLower;
    delete r.countUpper;
    if (withheld.checked) {
      const same =
        rec?.countBounds &&
        lower.value === String(rec.countBounds[0]) &&
        upper.value === String(rec.countBounds[1] ?? "");
      if (!same) {
        r.countLower = lower.value;
        r.countUpper = upper.value;
      }
    } else if (!rec || count.value !== String(rec.count ?? "") || rec.countBounds) r.count = count.value;
    if (rec && r.record != null) tidy(r.record);
    changed();
  };
  withheld.addEventListener("change", () => {
    count.hidden = withheld.checked;
    bounds.hidden = !withheld.checked;
    update();
  });
  for (const el of [count, lower, upper]) el.addEventListener("input", update);
  return h("td", {class: "countcell"}, count, bounds, h("label", {class: "wh"}, withheld, " withheld"));
}

function baseRow(rec: RecordView, i: number): HTMLElement {
  const v = view!;
  const row = () => rowFor(i, rec);
  const existing = rows.find((r) => r.record === i);
  const label = `record at line ${rec.line}`;
  const band = select(v.bands, existing?.ageBand || rec.ageBand, `${label}: age band`);
  band.addEventListener("change", () => {
    const r = row();
    if (band.value === rec.ageBand) delete r.ageBand;
    else r.ageBand = band.value;
    tidy(i);
    changed();
  });
  const known = v.outcomes.includes(rec.outcome);
  const outcome = select(
    v.outcomes,
    existing?.outcome || (known ? rec.outcome : ""),
    `${label}: outcome`,
    known ? [] : [["", `as written: ${rec.outcome}`]]
  );
  outcome.addEventListener("change", () => {
    const r = row();
    if (outcome.value === rec.outcome || outcome.value === "") delete r.outcome;
    else r.outcome = outcome.value;
    tidy(i);
    changed();
  });
  const reason = h("input", {
    "aria-label": `${label}: reason`,
    value: existing?.reason ?? "",
    placeholder: "why (needed for a change)",
    oninput: () => {
      row().reason = reason.value;
      tidy(i);
      changed();
    }
  });
  const dropped = existing?.action === "drop";
  const tr = h(
    "tr",
    {
      class: dropped ? "dropped" : "",
      "data-record": String(i),
      "data-first": String(rec.firstLine),
      "data-line": String(rec.line)
    },
    h(
      "td",
      {},
      h(
        "button",
        {
          type: "button",
          class: "line",
          onclick: () => highlight(rec, tr),
          title: rec.placeText ? `show in the reply (in the original file: ${rec.placeText})` : "show in the reply"
        },
        String(rec.line)
      )
    ),
    h("td", {}, rec.ageRaw || "–"),
    h("td", {}, band, !v.bands.includes(rec.ageBand) || rec.ageBand === "unknown" ? teachAge(rec.ageRaw) : null),
    h("td", {}, rec.outcomeRaw || "–"),
    h("td", {}, outcome, rec.outcomeKnown ? null : teachOutcome(rec.outcomeRaw || rec.outcome)),
    countCell(row, existing ?? null, rec, label),
    h("td", {}, reason),
    h(
      "td",
      {},
      h(
        "button",
        {
          type: "button",
          "aria-pressed": String(dropped),
          onclick: () => {
            const r = row();
            if (r.action === "drop") delete r.action;
            else r.action = "drop";
            tidy(i);
            changed();
            renderReply();
          }
        },
        dropped ? "Keep" : "Delete"
      )
    )
  );
  return tr;
}

/** A row the person writes: an added record, or a transcription's row. */
function freeRow(row: EditRow, i: number): HTMLElement {
  const v = view!;
  const label = `row ${i + 1}`;
  const input = (key: keyof EditRow, aria: string, cls = "") =>
    h("input", {
      class: cls,
      "aria-label": `${label}: ${aria}`,
      value: String(row[key] ?? ""),
      oninput: (e: Event) => {
        (row as Record<string, unknown>)[key] = (e.target as HTMLInputElement).value;
        row.changed = true;
        changed();
      }
    });
  const chooser = (key: "ageBand" | "outcome", options: string[], aria: string) => {
    const el = select(options, row[key] ?? "", `${label}: ${aria}`, [["", "as written"]]);
    el.addEventListener("change", () => {
      if (el.value) row[key] = el.value;
      else delete row[key];
      row.changed = true;
      changed();
    });
    return el;
  };
  return h(
    "tr",
    {class: "free", "data-row": String(i)},
    h("td", {}, input("line", "line", "count")),
    h("td", {}, input("ageRaw", "age as written")),
    h("td", {}, chooser("ageBand", v.bands, "age band")),
    h("td", {}, input("outcomeRaw", "outcome as written")),
    h("td", {}, chooser("outcome", v.outcomes, "outcome")),
    countCell(() => row, row, null, label),
    h("td", {}, input("reason", "reason")),
    h(
      "td",
      {},
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            rows.splice(rows.indexOf(row), 1);
            changed();
            renderReply();
          }
        },
        "Delete"
      )
    )
  );
}

function addRow() {
  const v = view!;
  rows.push(v.kind === "transcription" ? {changed: true} : {action: "add", changed: true});
  changed();
  renderReply();
  const inputs = app.querySelectorAll<HTMLInputElement>("tr.free input");
  inputs[inputs.length - 8 >= 0 ? inputs.length - 8 : 0]?.focus();
}

function teachForm(kind: "outcome" | "age", label: string, options: string[]): HTMLElement {
  const target = select(options, options[0] ?? "", `map "${label}" to`);
  const form = h(
    "details",
    {class: "teach"},
    h("summary", {}, "add this label to the mappings"),
    h("span", {}, `"${label}" means `),
    target,
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          try {
            const r = await api<{message: string}>("/api/teach", {
              kind,
              label,
              target: target.value,
              reviewer: localStorage.getItem(REVIEWER) ?? ""
            });
            const file = view!.file;
            await showReply(file);
            renderReply({text: r.message});
          } catch (error) {
            renderReply({text: (error as Error).message, error: true});
          }
        }
      },
      "Add"
    )
  );
  return form;
}

const teachOutcome = (label: string) =>
  label
    ? teachForm(
        "outcome",
        label,
        view!.outcomes.filter((o) => o !== "not stated")
      )
    : null;
const teachAge = (label: string) =>
  label
    ? teachForm(
        "age",
        label,
        view!.bands.filter((b) => b !== "unknown")
      )
    : null;

function renderOutcome() {
  const box = document.getElementById("outcome");
  const saveButton = document.getElementById("save") as HTMLButtonElement | null;
  if (!box || !evaluation) return;
  for (const el of app.querySelectorAll(".bad")) el.classList.remove("bad");
  if (!evaluation.ok) {
    // The kit names the row of the file it would write; the person sees records, so name the record.
    const row = evaluation.row != null ? evaluated[evaluation.row] : null;
    const rec = row?.record != null ? view?.base?.records[row.record] : null;
    const where = row
      ? isVerdictRow(row)
        ? "your verdict"
        : rec
          ? `the record at line ${rec.line}`
          : `the added row (line ${row.line || "not given"})`
      : null;
    const text = where ? `${where}: ${evaluation.error.replace(/^row \d+: /, "")}` : evaluation.error;
    const tr = row
      ? isVerdictRow(row)
        ? document.getElementById("verdict-part")
        : app.querySelector(
            row.record != null ? `tr[data-record="${row.record}"]` : `tr[data-row="${rows.indexOf(row)}"]`
          )
      : null;
    tr?.classList.add("bad");
    // A letter's status taken away leaves no reading to show, and saving removes the corrections file.
    const removing = view?.kind === "corrections" && !view.base && !evaluated.length && view.hash !== "absent";
    put(
      box,
      h(
        "p",
        {class: "error", role: "alert"},
        removing
          ? `Saving removes ${view!.humanFile}: the kit cannot read this letter (${evaluation.error}), so transcribe it or give it a status.`
          : `Cannot be saved: ${text}`
      )
    );
    if (saveButton) saveButton.disabled = !removing;
    return;
  }
  if (saveButton) saveButton.disabled = false;
  put(box, readingBox(evaluation.reading, dirty ? "With your changes" : "As saved"));
}

function readingBox(r: ReadingView, title: string): HTMLElement {
  return h(
    "div",
    {class: "verdict"},
    h("h2", {}, title, ": ", verdictBadge(r.verdict.verdict)),
    h("p", {class: "why"}, r.verdict.reason),
    h("p", {}, `Status: ${r.status}${r.statusDetail ? ` (${r.statusDetail})` : ""}; ${r.records.length} records.`),
    h(
      "ul",
      {class: "checks"},
      ...r.checks.map((c) =>
        h(
          "li",
          {class: `c-${c.status}`},
          h("strong", {}, c.status),
          ` ${c.name}${c.informational ? " (for information)" : ""}: ${c.detail}`
        )
      )
    ),
    r.warnings.length
      ? h(
          "details",
          {open: r.warnings.length <= 5},
          h("summary", {}, `${r.warnings.length} warnings`),
          h(
            "ul",
            {},
            ...r.warnings.map((w) => h("li", {}, w.line == null ? w.message : `line ${w.line}: ${w.message}`))
          )
        )
      : null,
    r.dropped.length ? h("p", {}, `Dropped: ${r.dropped.map((d) => `line ${d.line} (${d.reason})`).join("; ")}`) : null
  );
}

async function recompute() {
  if (!view) return;
  const seq = ++draftSeq;
  try {
    const sent = outgoing();
    const result = await api<Evaluation>("/api/draft", {file: view.file, rows: sent});
    if (seq !== draftSeq) return; // a later draft is on its way
    evaluation = result;
    evaluated = sent;
  } catch (error) {
    evaluation = {ok: false, error: (error as Error).message, row: null};
  }
  renderOutcome();
}

async function save() {
  if (!view) return;
  const reviewer = localStorage.getItem(REVIEWER) ?? "";
  const message = document.getElementById("message");
  window.clearTimeout(draftTimer);
  try {
    const sent = outgoing();
    evaluated = sent;
    view = await api<ReplyView>("/api/save", {file: view.file, rows: sent, reviewer, hash: view.hash});
    adopt(view);
    renderReply({text: `Saved ${view.humanFile}; the verdict is now ${view.current?.verdict.verdict ?? "–"}.`});
  } catch (error) {
    if (message) {
      message.textContent = (error as Error).message;
      message.className = "error";
      message.setAttribute("role", "alert");
    }
  }
}

/**
 * A record chosen: its lines in the text are highlighted, and in a sheet grid its cell (or row).
 * A PDF's page images show no lines, so the text is shown, unless the record names its page.
 */
function highlight(rec: RecordView, tr?: HTMLElement) {
  for (const el of app.querySelectorAll(".hl")) el.classList.remove("hl");
  for (let n = rec.firstLine; n <= rec.line; n++) document.getElementById(`L${n}`)?.classList.add("hl");
  tr?.classList.add("hl");
  const original = sourceView?.mode === "original" ? sourceView : null;
  // A page image cannot show a line: for a PDF, the text (with its line) is where the record points.
  const found = original && original.kind !== "pdf" ? original.cellsFor(rec) : [];
  const shown = found.filter((el): el is HTMLElement => el != null);
  if (original && !shown.length) original.show("text");
  for (const el of shown) if (el.tagName !== "FIGURE") el.classList.add("hl");
  (shown[0] ?? document.getElementById(`L${rec.firstLine}`))?.scrollIntoView({block: "center"});
}

/** A line of the reply clicked: the records it holds are highlighted, and the line with them. */
function selectLine(n: number) {
  const trs = [...app.querySelectorAll<HTMLElement>("table.records tr[data-line]")].filter(
    (tr) => Number(tr.dataset.first) <= n && n <= Number(tr.dataset.line)
  );
  for (const el of app.querySelectorAll(".hl")) el.classList.remove("hl");
  document.getElementById(`L${n}`)?.classList.add("hl");
  sourceView?.rowFor(n)?.classList.add("hl");
  for (const tr of trs) tr.classList.add("hl");
  trs[0]?.scrollIntoView({block: "nearest"});
  trs[0]?.querySelector("select")?.focus();
}

// ---------------------------------------------------------------- navigation and keys

function follow(e: MouseEvent) {
  const a = e.currentTarget as HTMLAnchorElement;
  if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  go(a.href);
}

function go(href: string) {
  if (dirty && !confirm("Leave this reply without saving your changes?")) return;
  dirty = false;
  history.pushState(null, "", href);
  void route();
}

async function route() {
  view = null;
  sourceView = null;
  if (location.pathname === "/reply") await showReply(new URLSearchParams(location.search).get("file") ?? "");
  else await showQueue();
}

document.addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
    e.preventDefault();
    if (view) void save();
    return;
  }
  const t = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey || e.altKey || ["INPUT", "SELECT", "TEXTAREA"].includes(t.tagName)) return;
  if (!view && e.key === "Enter" && t.tagName !== "A") {
    app.querySelector<HTMLAnchorElement>("table.queue tr.selected a")?.click();
    return;
  }
  const by = e.key === "j" || e.key === "ArrowDown" ? 1 : e.key === "k" || e.key === "ArrowUp" ? -1 : 0;
  if (!by) return;
  e.preventDefault();
  if (!view) return moveSelection(by);
  const {prev, next} = neighbours(view.file);
  const to = by > 0 ? next : prev;
  if (to) go(`/reply?file=${encodeURIComponent(to)}`);
});
window.addEventListener("popstate", () => void route());
window.addEventListener("beforeunload", (e) => {
  if (dirty) e.preventDefault();
});
void route();
