import { dateTime, duration } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfInput, page, type Viewer } from '../layout.js';
import type { JobStatusLike } from '../types.js';

export interface JobsNotice {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

function statusBadge(job: JobStatusLike): Html {
  if (job.running) return html`<span class="badge badge-running">running</span>`;
  if (!job.lastStatus) return html`<span class="muted">never run</span>`;
  const cls = job.lastStatus === 'ok' || job.lastStatus === 'succeeded' ? 'ok' : 'failed';
  return html`<span class="badge badge-${cls}">${job.lastStatus}</span>`;
}

/**
 * What the last run did, or why it did nothing ("0 DMs: nobody due until Tuesday 10:00 in their
 * zone"). A failure's message stands in the status cell instead; a run in progress or never
 * run has nothing to say yet.
 */
function outcomeCell(job: JobStatusLike): Html {
  if (job.lastOutcome) return html`<span class="outcome">${job.lastOutcome}</span>`;
  return html`<span class="muted">–</span>`;
}

/** Scheduled jobs with their last outcome, and a "Run now" button each. */
export function jobsPage(
  jobs: readonly JobStatusLike[],
  viewer: Viewer,
  notice: JobsNotice | null,
): Html {
  return page(
    { title: 'Jobs', section: 'jobs', viewer },
    html`<h1>Jobs</h1>
      <p class="subtitle">
        Scheduled work of this server: feed sync, inventory sync, reminder cycles.
      </p>
      ${notice && html`<div class="notice ${notice.kind === 'ok' ? 'ok' : ''}" role="status">${notice.text}</div>`}
      <section class="card">
        <div class="table-wrap" role="region" aria-label="Jobs" tabindex="0">
          <table id="jobs">
            <thead>
              <tr>
                <th>Job</th>
                <th>Every</th>
                <th>Last run</th>
                <th>Status</th>
                <th>Outcome</th>
                <th class="num">Took</th>
                <th>Next run</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${jobs.map(
                (j) =>
                  html`<tr>
                    <td class="mono">${j.name}</td>
                    <td>${duration(j.everyMs)}</td>
                    <td>${dateTime(j.lastRunAt)}</td>
                    <td>
                      ${statusBadge(j)}${j.lastError && html`<div class="error">${j.lastError}</div>`}
                    </td>
                    <td>${outcomeCell(j)}</td>
                    <td class="num">${duration(j.lastDurationMs)}</td>
                    <td>
                      ${j.nextRunAt ? dateTime(j.nextRunAt) : html`<span class="muted">on request</span>`}
                    </td>
                    <td>
                      <form method="post" action="/jobs/${encodeURIComponent(j.name)}/run">
                        ${csrfInput(viewer.csrf)}<button
                          type="submit"
                          ${j.running ? html` disabled` : null}
                        >
                          Run now
                        </button>
                      </form>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${jobs.length === 0 && html`<p class="muted">No scheduled jobs.</p>`}
      </section>`,
  );
}
