package org.saddlecheck.report;

/**
 * The report's inline CSS and JavaScript (no CDN, no web fonts, nothing fetched: pages open offline).
 * The scripts record uncaught errors into {@code #js-errors} and set {@code data-js-ok="1"} on
 * {@code <body>} once they ran to the end; the browser test checks both.
 */
final class PageAssets {
    private PageAssets() {}

    static final String CSS = """
            :root { --fg:#1b1f24; --muted:#5c6670; --line:#d6dbe0; --bg:#ffffff; --head:#f3f5f7; --link:#0b5cad;
                    --holds:#1a7f37; --violated:#b42318; --inconclusive:#9a6700; --known:#6f42c1; }
            * { box-sizing: border-box; }
            .proof-note table { border-collapse: collapse; margin: 8px 0; }
            .proof-note th, .proof-note td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; vertical-align: top; }
            .proof-note pre { overflow-x: auto; background: var(--head); padding: 8px; }
            #note-statement summary { cursor: pointer; color: var(--muted); }
            body { margin: 0 auto; max-width: 1240px; padding: 16px 24px 48px; color: var(--fg); background: var(--bg);
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
            h1 { font-size: 1.6em; margin: 0.4em 0 0.2em; } h2 { font-size: 1.25em; margin: 1.4em 0 0.5em;
                   border-bottom: 1px solid var(--line); padding-bottom: 0.2em; } h3 { font-size: 1.05em; }
            a { color: var(--link); } code, pre, .json { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
            pre { background: var(--head); border: 1px solid var(--line); padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; }
            .muted { color: var(--muted); } .sub-title { color: var(--muted); margin-top: 0; }
            .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 0.85em;
                     color: #fff; background: #6b7280; white-space: nowrap; }
            .v-HOLDS { background: var(--holds); } .v-VIOLATED { background: var(--violated); }
            .v-INCONCLUSIVE { background: var(--inconclusive); } .v-KNOWN-INCONSISTENCY { background: var(--known); }
            .counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 12px; }
            .count { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; min-width: 120px; }
            .count .n { font-size: 1.5em; font-weight: 700; display: block; }
            dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
            dl.run dt { font-weight: 600; } dl.run dd { margin: 0; }
            table { border-collapse: collapse; }
            table.claims { width: 100%; font-size: 0.9em; }
            table.claims th, table.claims td { border-bottom: 1px solid var(--line); padding: 5px 6px; text-align: left; vertical-align: top; }
            table.claims thead th { background: var(--head); position: sticky; top: 0; }
            table.claims th button { all: unset; cursor: pointer; font-weight: 700; }
            table.claims th button:focus-visible { outline: 2px solid var(--link); }
            th[aria-sort="ascending"] button::after { content: " \\25B2"; font-size: 0.75em; }
            th[aria-sort="descending"] button::after { content: " \\25BC"; font-size: 0.75em; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .table-scroll { max-width: 100%; overflow-x: auto; }
            table.claims td.title { min-width: 12em; } table.claims td.section { min-width: 7em; }
            table.claims td.exp { white-space: normal; min-width: 9em; }
            table.claims td.tight { white-space: normal; min-width: 7em; }
            td.exp .fit, td.exp .ci, td.exp .pred, td.tight .max, td.tight .med { white-space: nowrap; }
            td.exp .pred, td.tight .med { display: block; }
            td.bad, span.bad { color: var(--violated); font-weight: 600; }
            td.id { white-space: nowrap; }
            .filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 8px 0; }
            .filters input[type=search] { font: inherit; padding: 4px 8px; min-width: 280px; }
            .filters label { white-space: nowrap; }
            table.kv, table.sub, table.plain { margin: 4px 0; font-size: 0.93em; }
            table.kv th, table.kv td, table.sub th, table.sub td, table.plain th, table.plain td {
                border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
            table.kv > tbody > tr > th { background: var(--head); font-weight: 600; white-space: nowrap; }
            table.sub thead th, table.plain thead th { background: var(--head); }
            .arr { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; word-break: break-word; }
            .math { font-family: "STIX Two Math", "Cambria Math", "DejaVu Serif", "Times New Roman", serif; font-size: 1.08em; }
            .statement { background: #f8fafc; border-left: 4px solid var(--link); padding: 8px 12px; }
            .bound { background: #fff8f0; border-left: 4px solid #c2410c; padding: 8px 12px; }
            figure.chart { margin: 16px 0 24px; } figure.chart svg { max-width: 100%; height: auto; border: 1px solid var(--line); }
            figure.chart figcaption { color: var(--muted); font-size: 0.92em; max-width: 760px; }
            .downloads a { margin-right: 10px; }
            .note { background: #fff7e6; border: 1px solid #f0c36d; padding: 6px 10px; margin: 6px 0; }
            #js-errors { background: #fdecea; border: 1px solid var(--violated); color: var(--violated); padding: 6px 10px; white-space: pre-wrap; }
            #js-errors:empty { display: none; }
            nav.top { font-size: 0.92em; margin-bottom: 4px; }
            footer { margin-top: 32px; color: var(--muted); font-size: 0.88em; border-top: 1px solid var(--line); padding-top: 8px; }
            @media print { .filters, nav.top { display: none; } }
            """;

    /** Goes first in {@code <head>}: collects errors that happen before the body exists. */
    static final String ERROR_HOOK = """
            window.__jsErrors = [];
            window.onerror = function (msg, src, line, col, err) {
              var t = String(msg) + (src ? ' (' + src + ':' + line + ':' + col + ')' : '');
              var el = document.getElementById('js-errors');
              if (el) { el.hidden = false; el.textContent += t + '\\n'; } else { window.__jsErrors.push(t); }
              return false;
            };
            window.addEventListener('unhandledrejection', function (e) { window.onerror('Unhandled rejection: ' + e.reason, '', 0, 0); });
            """;

    /** Wraps a page's init function: flush early errors, run it, then mark success on {@code <body>}. */
    static String runner(String init) {
        return """
                (function () {
                  var el = document.getElementById('js-errors');
                  if (window.__jsErrors.length) { el.hidden = false; el.textContent += window.__jsErrors.join('\\n') + '\\n'; }
                  try {
                """ + init + """
                    if (!el.textContent) { document.body.setAttribute('data-js-ok', '1'); }
                  } catch (e) {
                    window.onerror((e && e.message) || String(e), 'inline', 0, 0, e);
                  }
                })();
                """;
    }

    /** Sorting (click a header; again to reverse) and filtering (text + verdict boxes) of the index table. */
    static final String INDEX_INIT = """
                var table = document.getElementById('claims-table');
                var tbody = table.tBodies[0];
                var rows = Array.prototype.slice.call(tbody.rows);
                var ths = table.tHead.rows[0].cells;
                var state = { col: -1, dir: 1 };
                function key(row, col, type) {
                  var c = row.cells[col];
                  var v = c.getAttribute('data-sort');
                  if (v === null) { v = c.textContent.trim(); }
                  if (type === 'num') { var n = parseFloat(v); return isNaN(n) ? null : n; }
                  return v === '' ? null : v.toLowerCase();
                }
                function sortBy(col) {
                  var type = ths[col].getAttribute('data-type') || 'text';
                  state.dir = state.col === col ? -state.dir : 1;
                  state.col = col;
                  var items = rows.map(function (r, i) { return { r: r, i: i, k: key(r, col, type) }; });
                  items.sort(function (a, b) {
                    if (a.k === null && b.k === null) { return a.i - b.i; }
                    if (a.k === null) { return 1; }
                    if (b.k === null) { return -1; }
                    var c = type === 'num' ? (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)
                                           : a.k.localeCompare(b.k, undefined, { numeric: true });
                    return c === 0 ? a.i - b.i : c * state.dir;
                  });
                  items.forEach(function (it) { tbody.appendChild(it.r); });
                  for (var i = 0; i < ths.length; i++) {
                    ths[i].setAttribute('aria-sort', i === col ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
                  }
                }
                Array.prototype.forEach.call(ths, function (th, i) {
                  var b = th.querySelector('button');
                  (b || th).addEventListener('click', function () { sortBy(i); });
                });
                var q = document.getElementById('filter-text');
                var boxes = Array.prototype.slice.call(document.querySelectorAll('input.verdict-filter'));
                function apply() {
                  var terms = q.value.toLowerCase().split(/\\s+/).filter(function (t) { return t.length > 0; });
                  var allowed = {};
                  boxes.forEach(function (b) { allowed[b.value] = b.checked; });
                  var shown = 0;
                  rows.forEach(function (r) {
                    var text = r.textContent.toLowerCase();
                    var ok = allowed[r.getAttribute('data-verdict')] !== false
                          && terms.every(function (t) { return text.indexOf(t) >= 0; });
                    r.hidden = !ok;
                    if (ok) { shown++; }
                  });
                  document.getElementById('shown-count').textContent = shown + ' of ' + rows.length + ' claims shown';
                }
                q.addEventListener('input', apply);
                boxes.forEach(function (b) { b.addEventListener('change', apply); });
                var reset = document.getElementById('filter-reset');
                reset.addEventListener('click', function () { q.value = ''; boxes.forEach(function (b) { b.checked = true; }); apply(); });
                apply();
                if (location.hash === '#selftest') {
                  // used by ReportBrowserTest: exercise sorting and filtering, record what is visible
                  var visible = function () {
                    return Array.prototype.filter.call(tbody.rows, function (r) { return !r.hidden; })
                        .map(function (r) { return r.getAttribute('data-id'); });
                  };
                  var col = function (name) {
                    for (var i = 0; i < ths.length; i++) { if (ths[i].textContent.trim() === name) { return i; } }
                    throw new Error('no column ' + name);
                  };
                  var out = {};
                  // layout: the page must not scroll sideways; the table scrolls inside #claims-scroll if at all
                  var de = document.documentElement, box = document.getElementById('claims-scroll');
                  out.pageOverflow = de.scrollWidth > de.clientWidth + 1;
                  out.tableOverflow = box.scrollWidth > box.clientWidth + 1;
                  out.minTitleWidth = rows.reduce(function (w, r) {
                    return Math.min(w, r.querySelector('td.title').getBoundingClientRect().width);
                  }, 1e9);
                  sortBy(col('trials')); out.trialsAsc = visible();
                  sortBy(col('trials')); out.trialsDesc = visible();
                  boxes.forEach(function (b) { if (b.value === 'HOLDS') { b.checked = false; } }); apply();
                  out.withoutHolds = visible();
                  reset.click(); q.value = 'jin'; apply(); out.text = visible();
                  out.count = document.getElementById('shown-count').textContent;
                  document.body.setAttribute('data-selftest', JSON.stringify(out));
                }
            """;

    /** Claim pages: copy buttons for the reproducing commands (clipboard may be unavailable on file://). */
    static final String CLAIM_INIT = """
                Array.prototype.forEach.call(document.querySelectorAll('button.copy'), function (b) {
                  b.addEventListener('click', function () {
                    var text = document.getElementById(b.getAttribute('data-target')).textContent;
                    var done = function () { b.textContent = 'copied'; };
                    if (navigator.clipboard && navigator.clipboard.writeText) {
                      navigator.clipboard.writeText(text).then(done, function () { b.textContent = 'select and copy'; });
                    } else { b.textContent = 'select and copy'; }
                  });
                });
                var charts = document.querySelectorAll('figure.chart svg').length;
                document.body.setAttribute('data-charts', String(charts));
            """;
}
