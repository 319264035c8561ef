import { html, type Html, type Interpolation } from './html.js';
import type { AsOf, Freshness } from './pages/freshness.js';
import { CSS_PATH } from './static/dashboard-css.js';

/** What the shell needs to know about the signed-in admin (absent on setup/login pages). */
export interface Viewer {
  readonly username: string;
  readonly csrf: string;
  /** When the feeds and the inventory last synced, shown under the header (see freshness.ts). */
  readonly freshness?: Freshness | null;
}

export interface PageOptions {
  readonly title: string;
  /** The nav entry to highlight. */
  readonly section?: 'overview' | 'hosts' | 'jobs' | null;
  readonly viewer?: Viewer | null;
}

const NAV = [
  ['overview', '/', 'Overview'],
  ['hosts', '/hosts', 'Hosts'],
  ['jobs', '/jobs', 'Jobs'],
] as const;

/** The page shell: header with navigation and logout, then the content. */
export function page(opts: PageOptions, content: Html): Html {
  const viewer = opts.viewer ?? null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · Patchbay</title>
        <link rel="stylesheet" href="${CSS_PATH}" />
      </head>
      <body>
        <header class="topbar">
          <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>Patchbay</a>
          ${
            viewer &&
            html`<nav aria-label="Main">
                ${NAV.map(
                  ([id, href, label]) =>
                    html`<a href="${href}" ${id === opts.section ? html` aria-current="page"` : ''}
                      >${label}</a
                    >`,
                )}
              </nav>
              <form class="logout" method="post" action="/logout">
                ${csrfInput(viewer.csrf)}
                <span class="who">${viewer.username}</span>
                <button type="submit" class="link">Sign out</button>
              </form>`
          }
        </header>
        ${viewer?.freshness && asOfBar(viewer.freshness)}
        <main>${content}</main>
      </body>
    </html> `;
}

/**
 * "Data as of": one line on every signed-in page with the age of the feeds and the inventory,
 * and under it what is stale and the command that fixes it.
 */
function asOfBar(f: Freshness): Html {
  const stale = f.warnings.length > 0;
  const fixes = fixCommands(f);
  return html`<aside class="asof${stale ? ' asof-stale' : ''}" aria-label="Data as of">
    <p>
      Data as of: Feeds ${when(f.feeds)} · Inventory ${when(f.inventory)}
      ${stale && html`<span class="asof-flag">Stale data</span>`}
    </p>
    ${
      stale &&
      html`<ul>
          ${f.warnings.map((w) => html`<li>${w.text}.</li>`)}
        </ul>
        ${
          fixes.length > 0 &&
          html`<p class="asof-hint">
            To fix: run ${commands(fixes)}, or start the sync from the
            <a href="/jobs">Jobs</a> page.
          </p>`
        }`
    }
  </aside>`;
}

/**
 * Each command once: six stale feeds need one `patchbay sync feeds`, not six. A warning with no
 * command (a setting fixes it) says what to set in its own text.
 */
function fixCommands(f: Freshness): string[] {
  return [...new Set(f.warnings.flatMap((w) => (w.command === null ? [] : [w.command])))];
}

function commands(fixes: readonly string[]): Html[] {
  return fixes.map((c, i) => html`${i > 0 ? ' and ' : ''}<code>${c}</code>`);
}

function when(a: AsOf): Html {
  return a.at
    ? html`<time datetime="${a.at}" title="${a.full}">${a.ago}</time>`
    : html`<span>${a.ago}</span>`;
}

/** The hidden CSRF field every POST form carries. */
export function csrfInput(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** A titled card section. */
export function card(title: Interpolation, body: Interpolation, extraClass = ''): Html {
  return html`<section class="card ${extraClass}">
    <h2>${title}</h2>
    ${body}
  </section>`;
}

/** A plain message page (404, 403). */
export function messagePage(title: string, message: string, viewer: Viewer | null): Html {
  return page(
    { title, viewer },
    html`<section class="card narrow">
      <h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">Back to the overview</a></p>
    </section>`,
  );
}
