import { badge, claimedSerialLink, dateTime, day, personHref } from '../format.js';
import { claimState } from './claim-state.js';
import { html, type Html } from '../html.js';
import { card, page, type Viewer } from '../layout.js';
import type { HostData } from './host-data.js';

/**
 * One computer: each watched product with installed -> required, status, deadline and reason;
 * then its version history, where its data comes from, its owner and the reminders about it.
 */
export function hostPage(data: HostData, viewer: Viewer): Html {
  const { host } = data;
  const title = host.name ?? host.serial ?? host.id;
  return page(
    { title, section: 'hosts', viewer },
    html`<h1>
        ${title}${!host.active && html` <span class="badge badge-unknown">inactive</span>`}
      </h1>
      <p class="subtitle">
        ${host.platform} ${host.osVersion ?? ''}${host.osBuild && ` (${host.osBuild})`} · serial
        <span class="mono">${host.serial ?? '–'}</span> · last seen ${dateTime(host.lastSeenAt)}
      </p>
      ${
        host.identityConflict &&
        html`<div class="notice" role="status">
          <strong>Identity conflict:</strong> this computer reports serial
          ${claimedSerialLink(host.identityConflict.serial)}, which another host holds; it is kept
          apart until its hardware UUID confirms they are one machine.
        </div>`
      }
      ${card('Watched products', productsTable(data))}
      <div class="grid">
        <div class="span-6">${card('Owner and sources', ownerAndSources(data))}</div>
        <div class="span-6">${card('Reminders', reminders(data))}</div>
      </div>
      ${card('Version history', historyTable(data))}`,
  );
}

function productsTable(data: HostData): Html {
  if (data.findings.length === 0)
    return html`<p class="muted">
      No watched products on this
      computer${!data.host.active && ' (inactive computers are not judged)'}.
    </p>`;
  return html`<div class="table-wrap" role="region" aria-label="Watched products" tabindex="0">
    <table id="host-products">
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col">Installed → required</th>
          <th scope="col">Status</th>
          <th scope="col">Deadline</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        ${data.findings.map(
          (f) =>
            html`<tr>
              <td>${f.productName}${f.track && html` <span class="muted">${f.track}</span>`}</td>
              <td class="mono">${f.installed} → ${f.required ?? '–'}</td>
              <td>${badge(f.status)}</td>
              <td class="nowrap">${day(f.deadline)}</td>
              <td class="muted">${f.reason}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function ownerAndSources(data: HostData): Html {
  const { host } = data;
  return html`<dl class="facts">
    <dt>Owner</dt>
    <dd>
      ${
        host.owner
          ? html`<a href="${personHref(host.owner.email)}"
                >${host.owner.name ?? host.owner.email}</a
              >
              <span class="muted"
                >${host.owner.email}${host.owner.source && ` · from ${host.owner.source}`}</span
              >`
          : html`<span class="muted">no owner: nobody is reminded about this computer</span>`
      }
    </dd>
    <dt>Sources</dt>
    <dd>${host.sources.join(', ') || '–'}</dd>
    <dt>Patchbay id</dt>
    <dd class="mono">${host.id}</dd>
  </dl>`;
}

function reminders(data: HostData): Html {
  const none = data.digests.length === 0 && data.snoozes.length === 0 && data.claims.length === 0;
  if (none) return html`<p class="muted">No reminder has been sent about this computer yet.</p>`;
  return html`${
    data.digests.length > 0 &&
    html`<h3>Digests to the owner</h3>
      <p class="muted">Each digest lists all of the owner's computers that need updates.</p>
      <ul class="history">
        ${data.digests.map(
          (d) =>
            html`<li>
              ${dateTime(d.sentAt ?? d.createdAt)} · ${d.status} · ${d.items}
              ${d.items === 1 ? 'update' : 'updates'}${
                d.maxDaysOverdue > 0 && ` · up to ${d.maxDaysOverdue} days overdue`
              }${d.lastError && html` · <span class="error">${d.lastError}</span>`}
            </li>`,
        )}
      </ul>`
  }
  ${
    data.snoozes.length > 0 &&
    html`<h3>Snoozed</h3>
      <ul class="history">
        ${data.snoozes.map(
          (s) => html`<li>${s.productName} until ${dateTime(s.until)} · by ${s.by}</li>`,
        )}
      </ul>`
  }
  ${
    data.claims.length > 0 &&
    html`<h3>“I updated”</h3>
      <ul class="history">
        ${data.claims.map(
          (c) => html`<li>${dateTime(c.claimedAt)} by ${c.by} · ${claimState(c)}</li>`,
        )}
      </ul>`
  }`;
}

function historyTable(data: HostData): Html {
  if (data.history.length === 0) return html`<p class="muted">No version change observed yet.</p>`;
  return html`<div class="table-wrap" role="region" aria-label="Version history" tabindex="0">
    <table id="host-history">
      <thead>
        <tr>
          <th scope="col">First seen</th>
          <th scope="col">Product</th>
          <th scope="col">Version</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        ${data.history.map(
          (h) =>
            html`<tr>
              <td class="nowrap">${dateTime(h.observedAt)}</td>
              <td>${h.productName}</td>
              <td class="mono">${h.previous ? `${h.previous} → ${h.version}` : h.version}</td>
              <td>${h.source}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
