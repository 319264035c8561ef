import type { StoredMessage } from '../slack/workspace.js';

/**
 * The Slack stand-in's inbox as a page a person can read: each DM rendered roughly as Slack
 * shows Block Kit (header, sections with mrkdwn, buttons), newest first. Demo only.
 */
export function renderInboxPage(
  messages: readonly StoredMessage[],
  nameOf: (userOrChannel: string) => string,
): string {
  const cards = [...messages]
    .reverse()
    .map((m) => {
      const to = nameOf(m.recipient ?? m.channel);
      const body = (m.blocks ?? []).map(renderBlock).join('') || `<p>${mrkdwn(m.text ?? '')}</p>`;
      const named = body.replace(
        /&lt;@([A-Z0-9]+)&gt;/g,
        (_m, id: string) => `<b>@${esc(nameOf(id))}</b>`,
      );
      return `<article class="msg"><div class="to">To <b>${esc(to)}</b> <span class="ts">${esc(m.channel)} · ${esc(m.ts)}</span></div>${named}</article>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slack inbox (stand-in)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.45 -apple-system,system-ui,sans-serif;background:#f4f4f6;color:#1d1c1d;margin:0;padding:24px}
h1{font-size:20px;margin:0 0 4px}.sub{color:#616061;margin:0 0 20px}
.msg{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:14px 18px;margin:0 auto 14px;max-width:760px}
.to{color:#616061;font-size:13px;margin-bottom:8px}.ts{float:right}
h2{font-size:17px;margin:6px 0}.section{margin:8px 0;white-space:pre-wrap}
.actions{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0 12px}
.btn{border:1px solid #bbb;border-radius:4px;padding:3px 10px;font-size:13px;background:#fff}
.btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}.context{color:#616061;font-size:12px}
a{color:#1264a3}
</style></head><body><h1>Slack inbox</h1><p class="sub">${messages.length} message(s) the Slack stand-in received during the demo.</p>${cards}</body></html>`;
}

function renderBlock(b: unknown): string {
  const block = b as {
    type: string;
    text?: { text?: string };
    elements?: { type?: string; text?: { text?: string } | string; style?: string; url?: string }[];
  };
  switch (block.type) {
    case 'header':
      return `<h2>${esc(block.text?.text ?? '')}</h2>`;
    case 'section':
      return `<div class="section">${mrkdwn(block.text?.text ?? '')}</div>`;
    case 'actions':
      return `<div class="actions">${(block.elements ?? [])
        .map((e) => {
          const label = typeof e.text === 'string' ? e.text : (e.text?.text ?? '');
          return e.url
            ? `<a class="btn" href="${esc(e.url)}">${esc(label)}</a>`
            : `<span class="btn${e.style === 'primary' ? ' primary' : ''}">${esc(label)}</span>`;
        })
        .join('')}</div>`;
    case 'context':
      return `<div class="context">${(block.elements ?? []).map((e) => mrkdwn(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))).join(' ')}</div>`;
    default:
      return '';
  }
}

/** The little of Slack's mrkdwn digests use: *bold*, _italic_, <url|label>; everything else escaped. */
function mrkdwn(text: string): string {
  return esc(text)
    .replace(
      /&lt;(https?:\/\/[^|&]+)\|([^&]+)&gt;/g,
      (_m, url: string, label: string) => `<a href="${url}">${label}</a>`,
    )
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1<i>$2</i>');
}

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
