/**
 * The protection report: one self-contained HTML file (inline CSS, SVG and a few lines of script;
 * no network, no external assets) with the coverage summary, a table of VMs with the newest point
 * per region and its age, and a timeline of every VM's restore points.
 */
import type { ProtectionStatus, VmProtectionStatus } from "./statusTypes.js";

/**
 * Options of {@link renderProtectionReport}.
 *
 * @public
 */
export interface ProtectionReportOptions {
  /** Page title. @defaultValue `Protection report: <policy>` */
  title?: string;
}

const ROW = 16;
const LABEL = 180;
const WIDTH = 960;

/**
 * Renders a status as one self-contained HTML page.
 *
 * @param status - from `protectionStatus` or {@link protectionStatusFromFacts}
 * @param options - the title
 * @returns the HTML document
 *
 * @example
 * ```ts
 * const status = await protectionStatus(client, policy);
 * await writeFile("report.html", renderProtectionReport(status));
 * ```
 *
 * @public
 */
export function renderProtectionReport(
  status: ProtectionStatus,
  options: ProtectionReportOptions = {},
): string {
  const title = options.title ?? `Protection report: ${status.policy}`;
  const regions = [...new Set(status.vms.flatMap((v) => v.regions.map((r) => r.region)))];
  const { summary } = status;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">As of ${esc(iso(status.now))} · RPO ${esc(duration(status.rpoMs))} · ${summary.total} VMs</p>
<section class="summary" aria-label="coverage">
  <div class="card ok"><b id="count-protected">${summary.protected}</b><span>protected</span></div>
  <div class="card late"><b id="count-outOfRpo">${summary.outOfRpo}</b><span>out of RPO</span></div>
  <div class="card bad"><b id="count-failing">${summary.failing}</b><span>failing</span></div>
  <div class="bar" role="img" aria-label="${summary.protected} protected, ${summary.outOfRpo} out of RPO, ${summary.failing} failing">${coverageBar(status)}</div>
</section>
<h2>Virtual machines</h2>
<p><label>Filter <input id="filter" type="search" placeholder="name, state or region"></label></p>
<table id="vms">
<thead><tr><th data-sort="text">VM</th><th data-sort="text">State</th><th data-sort="num">Newest age</th>${regions
    .map((r) => `<th data-sort="num">${esc(r)}</th>`)
    .join("")}<th>Pending copies</th><th>Last failure</th></tr></thead>
<tbody>
${status.vms.map((vm) => vmRow(vm, regions, status.rpoMs)).join("\n")}
</tbody>
</table>
<h2>Timeline</h2>
${timeline(status)}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function vmRow(vm: VmProtectionStatus, regions: readonly string[], rpoMs: number): string {
  const cells = regions.map((region) => {
    const r = vm.regions.find((x) => x.region === region);
    if (r === undefined) return `<td data-value="-1" class="na">–</td>`;
    if (r.newest === undefined) return `<td data-value="${Number.MAX_SAFE_INTEGER}" class="late">none</td>`;
    const cls = r.isSource && r.newest.ageMs > rpoMs ? "late" : "";
    return `<td data-value="${r.newest.ageMs}" class="${cls}" title="${esc(r.newest.restorePointName)} (${r.newest.kind})">${esc(
      r.newest.restorePointName,
    )}<br><small>${esc(duration(r.newest.ageMs))} old</small></td>`;
  });
  const pending = vm.pendingCopies.map((p) => `${p.region}: ${p.restorePointName} (${p.state})`).join(", ");
  const failure =
    vm.lastFailure === undefined ? "" : `${vm.lastFailure.restorePointName} (${vm.lastFailure.region})`;
  return `<tr data-state="${vm.state}"><td title="${esc(vm.vmId)}">${esc(vm.vmName)}<br><small>${esc(vm.resourceGroup)}</small></td><td class="state ${vm.state}">${esc(
    stateText(vm.state),
  )}</td><td data-value="${vm.newestAgeMs ?? Number.MAX_SAFE_INTEGER}">${vm.newestAgeMs === undefined ? "never" : esc(duration(vm.newestAgeMs))}</td>${cells.join(
    "",
  )}<td>${esc(pending)}</td><td>${esc(failure)}</td></tr>`;
}

function coverageBar(status: ProtectionStatus): string {
  const total = Math.max(1, status.summary.total);
  const parts: Array<[number, string]> = [
    [status.summary.protected, "#2e7d32"],
    [status.summary.outOfRpo, "#ef6c00"],
    [status.summary.failing, "#c62828"],
  ];
  let x = 0;
  const rects = parts.map(([n, color]) => {
    const w = (n / total) * 100;
    const rect = `<rect x="${x.toFixed(3)}" y="0" width="${w.toFixed(3)}" height="10" fill="${color}"/>`;
    x += w;
    return rect;
  });
  return `<svg viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="14">${rects.join("")}</svg>`;
}

function timeline(status: ProtectionStatus): string {
  const times = status.vms.flatMap((v) => v.timeline.map((p) => p.time.getTime()));
  const end = status.now.getTime();
  const start = Math.min(end - 86_400_000, ...times);
  const span = Math.max(1, end - start);
  const plot = WIDTH - LABEL - 10;
  const regions = [...new Set(status.vms.flatMap((v) => v.regions.map((r) => r.region)))];
  const colors = ["#1565c0", "#6a1b9a", "#00838f", "#ad1457", "#558b2f", "#4e342e"];
  const colorOf = (region: string): string => colors[regions.indexOf(region) % colors.length] ?? "#1565c0";
  const height = status.vms.length * ROW + 30;
  const rows = status.vms.map((vm, i) => {
    const y = i * ROW + 10;
    const dots = vm.timeline.map((p) => {
      const x = LABEL + ((p.time.getTime() - start) / span) * plot;
      const lane = Math.max(0, regions.indexOf(p.region));
      const cy = y + 3 + (lane % 3) * 3;
      const fill = p.state === "failed" ? "#c62828" : p.state === "inProgress" ? "#fff" : colorOf(p.region);
      const tip = `<title>${esc(`${p.restorePointName} · ${p.region} · ${iso(p.time)} · ${p.state}`)}</title>`;
      return p.kind === "platform"
        ? `<rect x="${(x - 2).toFixed(1)}" y="${cy - 2}" width="4" height="4" fill="${fill}" stroke="${colorOf(p.region)}">${tip}</rect>`
        : `<circle cx="${x.toFixed(1)}" cy="${cy}" r="2" fill="${fill}" stroke="${colorOf(p.region)}">${tip}</circle>`;
    });
    return `<g class="tl-row"><text x="0" y="${y + 8}">${esc(vm.vmName)}</text><line x1="${LABEL}" x2="${WIDTH - 10}" y1="${y + 6}" y2="${y + 6}" stroke="#eee"/>${dots.join("")}</g>`;
  });
  const legend = regions
    .map((r, i) => `<tspan fill="${colorOf(r)}" dx="${i === 0 ? 0 : 12}">● ${esc(r)}</tspan>`)
    .join("");
  return `<svg id="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="restore points per VM from ${esc(
    iso(new Date(start)),
  )} to ${esc(iso(status.now))}">
<text x="${LABEL}" y="${height - 4}" class="axis">${esc(iso(new Date(start)))}</text><text x="${WIDTH - 10}" y="${height - 4}" class="axis" text-anchor="end">${esc(
    iso(status.now),
  )}</text><text x="${LABEL + plot / 2}" y="${height - 4}" class="axis" text-anchor="middle">${legend} <tspan dx="12">■ platform</tspan></text>
${rows.join("\n")}
</svg>`;
}

function stateText(state: VmProtectionStatus["state"]): string {
  return state === "outOfRpo" ? "out of RPO" : state;
}

function iso(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `3 h 20 min`, `2 d 4 h`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return "∞";
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222}
h1{font-size:22px;margin:0 0 4px}.meta{color:#666;margin:0 0 16px}
.summary{display:grid;grid-template-columns:repeat(3,160px) 1fr;gap:12px;align-items:center}
.card{border-radius:6px;padding:10px 14px;color:#fff}.card b{font-size:26px;display:block}
.ok{background:#2e7d32}.late{background:#ef6c00}.bad{background:#c62828}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th[data-sort]{cursor:pointer}td.late{background:#fff3e0;color:#222}td.na{color:#aaa}
td.state.protected{color:#2e7d32}td.state.outOfRpo{color:#ef6c00}td.state.failing{color:#c62828}
small{color:#777}svg text{font-size:11px}.axis{fill:#666}
`;

/** Sorting by a header click and filtering by the search box; nothing else. */
const SCRIPT = `
(function () {
  var table = document.getElementById("vms");
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  filter.addEventListener("input", function () {
    var q = filter.value.toLowerCase();
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
    });
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    if (!th.dataset.sort) return;
    var ascending = true;
    th.addEventListener("click", function () {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index], y = b.cells[index];
        var d = th.dataset.sort === "num"
          ? Number(x.dataset.value) - Number(y.dataset.value)
          : x.textContent.localeCompare(y.textContent);
        return ascending ? d : -d;
      });
      ascending = !ascending;
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
`;
