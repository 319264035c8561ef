import type { DeliveryFailure, HistoryEntry } from '../../reminders/history-store.js';
import { dateTime, hostHref, personHref } from '../format.js';
import { claimState } from './claim-state.js';
import { html, type Html } from '../html.js';
import { card } from '../layout.js';
import type { PersonData } from './person-data.js';
import { slackErrorAdvice } from './person-advice.js';
import { count } from './units.js';

/** Names for the ids history rows carry: the person's own hosts and products. */
interface Names {
  host(id: string): Html;
  product(id: string): string;
}

function namesOf(data: PersonData): Names {
  const hosts = new Map(data.hosts.map(({ host }) => [host.id, host]));
  const products = new Map(
    data.hosts.flatMap(({ findings }) => findings.map((f) => [f.product, f.productName])),
  );
  return {
    host: (id) => {
      const h = hosts.get(id);
      // A host that has changed hands since keeps its id, not a link to someone else's page.
      return h ? html`<a href="${hostHref(id)}">${h.name ?? h.serial ?? id}</a>` : html`${id}`;
    },
    product: (id) => products.get(id) ?? id,
  };
}

/**
 * A retryable failure puts the digest back to pending: it reads "retried" only once a later
 * attempt happened (another failure after it, or the digest no longer pending); until then it
 * waits for the next run of its cycle.
 */
const failureLine = (f: DeliveryFailure, retried: boolean): Html =>
  html`<li>
    ${dateTime(f.at)} · <span class="error">${f.error}</span>${
      f.retryable && (retried ? ' (retried)' : ' (kept to send again on the next run)')
    }
    · ${slackErrorAdvice(f.error)}
  </li>`;

function digestLine(e: Extract<HistoryEntry, { kind: 'digest' }>): Html {
  const outcome =
    e.status === 'sent'
      ? html`delivered`
      : e.status === 'failed'
        ? html`<span class="error">not delivered</span>`
        : e.status === 'sending'
          ? html`outcome unknown: the DM is checked before any resend`
          : html`waiting for the next run`;
  // Failures recorded before each attempt was kept show only as the row's last error.
  const legacy =
    e.failures.length === 0 && e.lastError
      ? [{ at: e.at, error: e.lastError, retryable: e.status === 'pending' }]
      : [];
  const failures = [...e.failures, ...legacy];
  return html`${dateTime(e.at)} · DM for ${e.cycle} ·
  ${count(e.items, 'update')}${
    e.maxDaysOverdue > 0 && ` (up to ${count(e.maxDaysOverdue, 'day')} overdue)`
  }
  ·
  ${outcome}${
    failures.length > 0 &&
    html`<ul class="history">
      ${failures.map((f, i) => failureLine(f, i < failures.length - 1 || e.status !== 'pending'))}
    </ul>`
  }`;
}

function entryLine(e: HistoryEntry, names: Names): Html {
  switch (e.kind) {
    case 'digest':
      return digestLine(e);
    case 'snooze':
      return html`${dateTime(e.at)} · snoozed ${names.product(e.product)} on ${names.host(e.hostId)}
      until ${dateTime(e.until)}`;
    case 'claim':
      return html`${dateTime(e.at)} · “I updated” ${names.host(e.hostId)} · ${claimState(e)}`;
    case 'lookup':
      return html`${dateTime(e.at)} · Slack look-up: <span class="error">${e.error}</span> ·
        ${slackErrorAdvice(e.error)}`;
  }
}

/** The person's reminder history: DMs with their outcome, snoozes, claims, Slack look-ups. */
export function remindersCard(data: PersonData): Html {
  const names = namesOf(data);
  return card(
    'Reminders',
    data.reminders.length === 0
      ? html`<p class="muted">No reminder, snooze or “I updated” in the last 90 days.</p>`
      : html`<p class="muted">Newest first: the last 90 days, at most 50 entries.</p>
          <ul class="history" id="reminder-history">
            ${data.reminders.map((e) => html`<li class="history-${e.kind}">${entryLine(e, names)}</li>`)}
          </ul>`,
    'reminders-card',
  );
}

/** The digest they would get now, as `remind --dry-run` prints it, or why they get none. */
export function previewCard(data: PersonData): Html {
  const p = data.preview;
  const json = `${personHref(data.email)}/digest.json`;
  return card(
    'Digest preview',
    p.kind === 'none'
      ? html`<p id="digest-none">${p.why.charAt(0).toUpperCase()}${p.why.slice(1)}</p>`
      : html`${p.unreachable && html`<p class="notice">Would not reach them: ${p.unreachable}</p>`}
          <p class="muted">
            What they would get if a run sent it now${p.notDue && ` (${p.notDue})`}: the text
            <span class="mono">remind --dry-run --person ${data.email}</span> prints ·
            <a href="${json}">Block Kit JSON</a>
          </p>
          <pre id="digest-preview">${p.text}</pre>`,
    'preview-card',
  );
}
