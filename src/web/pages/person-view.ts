import { badge, claimedSerialLink, dateTime, day, hostHref } from '../format.js';
import { html, type Html } from '../html.js';
import { card, page, type Viewer } from '../layout.js';
import type { PersonData } from './person-data.js';
import { previewCard, remindersCard } from './person-reminders-view.js';
import { count } from './units.js';

/**
 * A person: each of their machines with what it must update and by when, then what the
 * reminders did for them and the digest they would get now.
 */
export function personPage(data: PersonData, viewer: Viewer): Html {
  const { counts } = data;
  return page(
    { title: data.name ?? data.email, section: 'overview', viewer },
    html`<h1>${data.name ?? data.email}</h1>
      <p class="subtitle">
        ${data.email} · ${count(data.hosts.length, 'computer')} ·
        ${count(counts.overdue, 'overdue update')} · ${count(counts.pending, 'pending update')}
      </p>
      ${data.hosts.map(({ host, findings }) =>
        card(
          html`<a href="${hostHref(host.id)}">${host.name ?? host.serial ?? host.id}</a
            >${!host.active && html` <span class="badge badge-unknown">inactive</span>`}${host.identityConflict && html` <span class="badge badge-failed">identity conflict</span>`}`,
          html`<div class="meta muted">
              ${host.platform} ${host.osVersion ?? ''} · serial
              <span class="mono">${host.serial ?? '–'}</span
              >${host.identityConflict && html` (claims ${claimedSerialLink(host.identityConflict.serial)}, which another host holds: kept apart, unconfirmed by its hardware UUID)`}
              · last seen ${dateTime(host.lastSeenAt)} · from ${host.sources.join(', ') || '–'}
            </div>
            ${
              findings.length === 0
                ? html`<p class="muted">No watched products on this host.</p>`
                : html`<div
                    class="table-wrap"
                    role="region"
                    aria-label="${host.name ?? host.serial ?? host.id}"
                    tabindex="0"
                  >
                    <table>
                      <thead>
                        <tr>
                          <th>Product</th>
                          <th>Installed</th>
                          <th>Required</th>
                          <th>Status</th>
                          <th>Deadline</th>
                          <th>Why</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${findings.map(
                          (f) =>
                            html`<tr>
                              <td>
                                ${f.productName}${f.track && html` <span class="muted">${f.track}</span>`}
                              </td>
                              <td class="mono">${f.installed}</td>
                              <td class="mono">${f.required ?? '–'}</td>
                              <td>${badge(f.status)}</td>
                              <td class="nowrap">${day(f.deadline)}</td>
                              <td class="muted">${f.reason}</td>
                            </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`
            }`,
          'host-card',
        ),
      )}
      ${remindersCard(data)} ${previewCard(data)}`,
  );
}
