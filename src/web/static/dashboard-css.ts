import { createHash } from 'node:crypto';
import { STATUS_COLORS, type ChartStatus } from '../charts/index.js';

/**
 * The dashboard's one stylesheet. It lives in a module rather than a .css file because the build
 * is plain tsc (no asset copy): this way it ships inside dist/ with the code that serves it.
 * Status colours come from the chart module so a badge and a bar of the same status match.
 */
const STATUS_VARS = Object.entries(STATUS_COLORS)
  .map(([status, color]) => `  --status-${status}: ${color};`)
  .join('\n');

/** What a badge can show: a finding status, or a job that is running. */
export type BadgeTone = ChartStatus | 'running';

/**
 * Badge colours: a pale tint of the status colour behind text in a dark shade of the same hue.
 * White text on the status colours themselves measured 2.3:1 (amber) to 3.9:1 (red), under WCAG's
 * 4.5:1 for 12 px text; each pair here is 5:1 or better (dashboard-css.spec.ts holds them to it),
 * and an inset ring in the status colour itself keeps a badge matching its chart bar.
 */
export const BADGE_COLORS: Readonly<
  Record<BadgeTone, { readonly tint: string; readonly ink: string }>
> = {
  current: { tint: '#d6efe9', ink: '#007052' },
  pending: { tint: '#fbf0d6', ink: '#885e00' },
  overdue: { tint: '#f8e5d6', ink: '#a04600' },
  unsupported: { tint: '#ede7f3', ink: '#725691' },
  unknown: { tint: '#efefef', ink: '#646464' },
  running: { tint: '#d6e8f3', ink: '#00649d' },
};

/** Other badge names shown with a status's colours: a job's last run, a feed's freshness. */
const BADGE_ALIASES: Readonly<Record<string, BadgeTone>> = { ok: 'current', failed: 'overdue' };

const RING: Readonly<Record<BadgeTone, string>> = { ...STATUS_COLORS, running: '#0072b2' };

const BADGE_RULES = [
  ...Object.entries(BADGE_COLORS).map(([tone, c]) => [tone, tone as BadgeTone, c] as const),
  ...Object.entries(BADGE_ALIASES).map(([name, tone]) => [name, tone, BADGE_COLORS[tone]] as const),
]
  .map(
    ([name, tone, c]) =>
      `.badge-${name} { background: ${c.tint}; color: ${c.ink}; box-shadow: inset 0 0 0 1px ${RING[tone]}; }`,
  )
  .join('\n');

export const DASHBOARD_CSS = `:root {
${STATUS_VARS}
  --bg: #f5f5f7;
  --card: #ffffff;
  --ink: #1d1d1f;
  --muted: #6e6e73;
  --line: #e3e3e8;
  /* #0071e3 measured 4.3:1 on the page grey; this blue is 5.1:1 on it and 5.6:1 on white. */
  --accent: #0066cc;
  --accent-ink: #ffffff;
  --warn-bg: #fff4e5;
  --warn-line: #f3c78a;
  --error: #c9341a;
  --radius: 14px;
  --shadow: 0 1px 2px rgba(0, 0, 0, 0.04), 0 4px 16px rgba(0, 0, 0, 0.04);
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--ink);
  font: 15px/1.5 -apple-system, BlinkMacSystemFont, "SF Pro Text", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
/* Underlined, not told apart by colour alone (WCAG 1.4.1): the blue is as dark as the text
   around it. Navigation and button-like links are recognisable by their place and shape. */
a {
  color: var(--accent); text-decoration: underline;
  text-decoration-thickness: 1px; text-underline-offset: 0.18em;
}
a:hover { text-decoration-thickness: 2px; }
.topbar a, a.button { text-decoration: none; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 17px; margin: 0 0 14px; }
.subtitle { color: var(--muted); margin: 0 0 24px; }

.topbar {
  position: sticky; top: 0; z-index: 10;
  display: flex; align-items: center; gap: 28px;
  padding: 0 32px; height: 56px;
  background: rgba(255, 255, 255, 0.85);
  backdrop-filter: saturate(180%) blur(16px);
  border-bottom: 1px solid var(--line);
}
.brand { display: flex; align-items: center; gap: 10px; font-weight: 600; font-size: 17px; color: var(--ink); }
.brand:hover { text-decoration: none; }
.brand-mark {
  width: 22px; height: 22px; border-radius: 6px;
  background: linear-gradient(135deg, var(--status-current), #0072b2);
}
.topbar nav { display: flex; gap: 4px; }
.topbar nav a { color: var(--ink); padding: 6px 12px; border-radius: 8px; }
.topbar nav a:hover { background: var(--bg); text-decoration: none; }
.topbar nav a[aria-current="page"] { background: var(--ink); color: #fff; }
.logout { margin-left: auto; display: flex; align-items: center; gap: 10px; color: var(--muted); }

main { max-width: 1240px; margin: 0 auto; padding: 32px; }
/* "Data as of" sits in the main column's width, just under the header, on every signed-in page. */
.asof { max-width: 1240px; margin: 0 auto; padding: 14px 32px 0; font-size: 13px; color: var(--muted); }
.asof p { margin: 0; }
.asof time { color: var(--ink); font-weight: 500; }
.asof.asof-stale { color: var(--ink); }
.asof-stale > * { background: var(--warn-bg); border: 1px solid var(--warn-line); }
.asof-stale p:first-child { border-radius: 10px 10px 0 0; border-bottom: 0; padding: 8px 14px 0; }
.asof-stale ul { margin: 0; padding: 6px 14px 4px 32px; border-top: 0; border-bottom: 0; }
.asof-stale .asof-hint { border-radius: 0 0 10px 10px; border-top: 0; padding: 0 14px 8px; }
.asof-flag { margin-left: 8px; font-weight: 600; color: var(--ink); }
.asof code { font-family: "SF Mono", ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.grid { display: grid; gap: 20px; grid-template-columns: repeat(12, 1fr); margin-bottom: 20px; }
.span-3 { grid-column: span 3; } .span-4 { grid-column: span 4; } .span-5 { grid-column: span 5; }
.span-6 { grid-column: span 6; } .span-7 { grid-column: span 7; } .span-8 { grid-column: span 8; }
.span-12 { grid-column: span 12; }
.card {
  background: var(--card); border-radius: var(--radius); box-shadow: var(--shadow);
  padding: 20px 22px; margin-bottom: 20px; min-width: 0;
}
.grid > * > .card { margin-bottom: 0; height: 100%; }
.card.narrow { max-width: 420px; margin: 48px auto; }
.chart svg { width: 100%; height: auto; display: block; }

.stat { display: flex; flex-direction: column; justify-content: space-between; }
.stat .label { color: var(--muted); font-size: 13px; font-weight: 500; text-transform: uppercase; letter-spacing: 0.04em; }
.stat .value { font-size: 44px; font-weight: 650; line-height: 1.1; letter-spacing: -0.02em; margin: 6px 0 2px; font-variant-numeric: tabular-nums; }
.stat .hint { color: var(--muted); font-size: 13px; }
.stat.overdue .value { color: var(--status-overdue); }
.stat.good .value { color: var(--status-current); }

.notice { border-radius: var(--radius); padding: 14px 18px; margin-bottom: 20px; background: var(--warn-bg); border: 1px solid var(--warn-line); }
.notice ul { margin: 6px 0 0; padding-left: 20px; }
.notice.ok { background: #eaf7f1; border-color: #9ed7bd; }
.error { color: var(--error); font-weight: 500; }

.table-wrap { overflow-x: auto; }
/* The digest preview wraps as Slack does, so no line hides behind a scrollbar. */
#digest-preview { white-space: pre-wrap; overflow-wrap: anywhere; font-family: "SF Mono", ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 9px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
tbody tr:last-child td { border-bottom: 0; }
tbody tr:hover { background: #fafafc; }
td.num, th.num { text-align: right; }
.nowrap { white-space: nowrap; }
/* No clipped columns: headers stay on one line, long cell text (ids, emails, reasons) wraps
   inside its cell, so a table fits its card instead of hiding columns behind a scrollbar. */
th { white-space: nowrap; }
td { overflow-wrap: anywhere; }
td.nowrap, td.num { overflow-wrap: normal; }
th a.sort { color: inherit; text-decoration: none; }
th a.sort:hover { color: var(--ink); text-decoration: underline; }
th[aria-sort="ascending"] a.sort::after { content: " \\25B2"; }
th[aria-sort="descending"] a.sort::after { content: " \\25BC"; }
.history { list-style: none; padding: 0; margin: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0; }
.facts dt { color: var(--muted); font-weight: 600; font-size: 13px; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.history li { padding: 6px 0; border-bottom: 1px solid var(--line); }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; vertical-align: 1px; }
.dot-current { background: var(--status-current); } .dot-pending { background: var(--status-pending); }
.dot-overdue { background: var(--status-overdue); } .dot-unsupported { background: var(--status-unsupported); }
.dot-unknown { background: var(--status-unknown); }
.mono { font-family: "SF Mono", ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.muted { color: var(--muted); }

.badge {
  display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
  text-transform: capitalize; white-space: nowrap;
}
${BADGE_RULES}

.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin-bottom: 16px; }
.filters label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: var(--muted); font-weight: 600; }
input, select {
  font: inherit; padding: 7px 10px; border: 1px solid #d2d2d7; border-radius: 8px; background: #fff; color: var(--ink);
  min-width: 0;
}
input:focus, select:focus { outline: 2px solid var(--accent); outline-offset: 1px; border-color: transparent; }
button, .button {
  font: inherit; font-weight: 600; padding: 7px 16px; border-radius: 8px; border: 0; cursor: pointer;
  background: var(--accent); color: var(--accent-ink);
}
button.secondary, .button.secondary { background: #e8e8ed; color: var(--ink); }
button.link { background: none; color: var(--accent); padding: 0; font-weight: 500; }
.stack { display: flex; flex-direction: column; gap: 14px; }
.stack label { display: flex; flex-direction: column; gap: 6px; font-weight: 500; }
.stack button { margin-top: 6px; padding: 10px; }

.pager { display: flex; gap: 12px; align-items: center; justify-content: flex-end; margin-top: 14px; color: var(--muted); }
.legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 13px; color: var(--muted); }
.host-card h3 { margin: 0 0 4px; font-size: 16px; }
.host-card .meta { color: var(--muted); font-size: 13px; margin-bottom: 10px; }

@media (max-width: 900px) {
  main { padding: 20px 16px; }
  .asof { padding: 12px 16px 0; }
  .topbar { padding: 0 16px; gap: 12px; }
  .span-3, .span-4 { grid-column: span 6; }
  .span-5, .span-6, .span-7, .span-8 { grid-column: span 12; }
  .who { display: none; }
}
@media (max-width: 560px) {
  .grid { gap: 12px; }
  .span-3 { grid-column: span 6; }
  .span-4 { grid-column: span 12; }
  .stat .value { font-size: 34px; }
  .topbar nav a { padding: 6px 8px; }
}
`;

/** Served path, versioned by content so browsers may cache it for good. */
export const CSS_PATH = `/static/dashboard-${createHash('sha256').update(DASHBOARD_CSS).digest('hex').slice(0, 10)}.css`;
