import { describe, expect, it } from 'vitest';
import { mrkdwnToText, renderDigest } from './digest-render.js';

describe('mrkdwnToText', () => {
  it.each([
    ['<https://it.example.com/x|How to update>', 'How to update <https://it.example.com/x>'],
    ['R&amp;D &lt;lab&gt;', 'R&D <lab>'],
    ['&amp;lt; stays literal', '&lt; stays literal'],
    ['*bold* stays', '*bold* stays'],
  ])('%s', (input, text) => {
    expect(mrkdwnToText(input)).toBe(text);
  });
});

describe('renderDigest', () => {
  it('lays out header, sections, buttons (primary starred) and context as a person reads them', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Updates needed on your Mac' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Mac*\n• *Chrome* 1 → 2 · <https://x.test|How to update>' },
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Snooze Chrome 1 day' } },
          { type: 'button', style: 'primary', text: { type: 'plain_text', text: 'I updated' } },
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Patchbay' }] },
    ];
    expect(renderDigest(blocks).split('\n')).toEqual([
      '│ UPDATES NEEDED ON YOUR MAC',
      '│',
      '│ *Mac*',
      '│ • *Chrome* 1 → 2 · How to update <https://x.test>',
      '│',
      '│ [Snooze Chrome 1 day] [*I updated*]',
      '│',
      '│ Patchbay',
    ]);
  });
});
