import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../adapters/teams/adaptive-card.js';
import { markdownText, plainText } from '../../adapters/teams/card-text.js';
import { renderCard } from '../../adapters/teams/render-card.js';
import { mention, personName, section, strong, text } from '../../src/messages/message.js';
import type { PersonRef } from '../../src/model/platform.js';
import { checkAdaptiveCard } from '../support/teams-adaptive-cards.js';

const alice: PersonRef = { platform: 'teams', userId: 'aad-alice', name: 'Alice Tan' };
const slackRavi: PersonRef = { platform: 'slack', userId: 'U0RAVI', name: 'ravi' };

function expectValid(card: AdaptiveCard): void {
  expect(checkAdaptiveCard(card).events).toEqual([]);
}

describe('mentions', () => {
  it('a Teams person becomes an <at> tag backed by a mention entity with their id', () => {
    const card = renderCard({ text: 'x', blocks: [section(text('Owner: '), mention(alice))] });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Owner: <at>Alice Tan</at>' });
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Alice Tan</at>', mentioned: { id: 'aad-alice', name: 'Alice Tan' } },
    ]);
  });

  it('two people with the same name get distinct tags, one person mentioned twice gets one entity', () => {
    const other: PersonRef = { platform: 'teams', userId: 'aad-alice-2', name: 'Alice Tan' };
    const card = renderCard({
      text: 'x',
      blocks: [section(mention(alice), text(' and '), mention(other), text(' and '), mention(alice))],
    });
    expect(card.body[0]!.text).toBe('<at>Alice Tan</at> and <at>Alice Tan 2</at> and <at>Alice Tan</at>');
    expect(card.msteams?.entities?.map((e) => e.mentioned.id)).toEqual(['aad-alice', 'aad-alice-2']);
  });

  it('a person on another platform is written as plain text, never as a Teams mention', () => {
    const card = renderCard({ text: 'x', blocks: [section(text('Owner: '), mention(slackRavi))] });
    expect(card.body[0]).toMatchObject({
      type: 'RichTextBlock',
      inlines: [{ text: 'Owner: ' }, { text: '@ravi' }],
    });
    expect(card.msteams?.entities).toBeUndefined();
  });

  it('a person named without being called on is plain text: no <at> tag, no mention entity', () => {
    const card = renderCard({ text: 'x', blocks: [section(text('Owner: '), personName(alice))] });
    expect(card.body[0]).toMatchObject({
      type: 'RichTextBlock',
      inlines: [{ text: 'Owner: ' }, { text: '@Alice Tan' }],
    });
    expect(card.msteams?.entities).toBeUndefined();
    expect(JSON.stringify(card)).not.toMatch(/<at>/);
  });

  it('a person called on in the same card still gets exactly one entity; the one only named gets none', () => {
    const ravi: PersonRef = { platform: 'teams', userId: 'aad-ravi', name: 'Ravi Kumar' };
    const card = renderCard({
      text: 'x',
      blocks: [
        section(text('Reminder for '), mention(alice)),
        section(text('Changed by '), personName(ravi)),
        section(text('Owner: '), personName(alice)),
      ],
    });
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Alice Tan</at>', mentioned: { id: 'aad-alice', name: 'Alice Tan' } },
    ]);
    expect(JSON.stringify(card).match(/<at>/g)).toHaveLength(2);
    expect(card.body[1]).toMatchObject({ type: 'RichTextBlock', inlines: [{}, { text: '@Ravi Kumar' }] });
    expect(card.body[2]).toMatchObject({ type: 'RichTextBlock', inlines: [{}, { text: '@Alice Tan' }] });
    expectValid(card);
  });

  it('beside a mention, a named person is escaped text inside the TextBlock, not a tag', () => {
    const ravi: PersonRef = { platform: 'teams', userId: 'aad-ravi', name: 'Ravi_Kumar' };
    const card = renderCard({
      text: 'x',
      blocks: [section(mention(alice), text(' took over from '), personName(ravi))],
    });
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: '<at>Alice Tan</at> took over from @Ravi\\_Kumar',
    });
    expect(card.msteams?.entities).toHaveLength(1);
  });

  it('a commitment line names its owner person without calling on them', () => {
    const card = renderCard({
      text: 'x',
      blocks: [
        {
          type: 'commitments',
          items: [
            { id: 'C-1', title: 'Sign', owners: ['MITI'], person: alice, status: 'open', rag: 'green' },
          ],
        },
      ],
    });
    expect(card.msteams?.entities).toBeUndefined();
    expect(JSON.stringify(card)).toContain('@Alice Tan');
    expect(JSON.stringify(card)).not.toMatch(/<at>/);
  });

  it('a name cannot smuggle markup into its tag', () => {
    const card = renderCard({
      text: 'x',
      blocks: [section(mention({ platform: 'teams', userId: 'u1', name: '</at>**Boss**<at>' }))],
    });
    expect(card.body[0]!.text).toBe('<at>/atBossat</at>');
    expectValid(card);
  });
});

describe('escaping user text', () => {
  const hostile = '**urgent** [click](https://evil.example) <at>Alice Tan</at> & &lt;at&gt; _x_';

  it('in runs (no Markdown in Teams) only mentions are defused', () => {
    const card = renderCard({ text: hostile, blocks: [section(strong('Title: '), text(hostile))] });
    const runs = card.body[0]!.inlines as { text: string }[];
    expect(runs[1]!.text).toBe(hostile.replace('<at>', '<\u2060at>').replace('</at>', '<\u2060/at>'));
    expect(card.msteams?.entities).toBeUndefined();
  });

  it('next to a real mention the text is Markdown-escaped and only the real mention has an entity', () => {
    const card = renderCard({ text: hostile, blocks: [section(text(hostile), text(' — '), mention(alice))] });
    const shown = card.body[0]!.text as string;
    expect(shown).toContain('\\*\\*urgent\\*\\* \\[click\\](https://evil.example)');
    expect(shown.match(/<at>/g)).toHaveLength(1);
    expect(card.msteams?.entities).toHaveLength(1);
  });

  it('a list marker at the start of a line is not read as a list', () => {
    expect(markdownText('- not a list\n1. nor this')).toBe('\\- not a list\n1\\. nor this');
  });

  it('for any text, a card never shows an <at> tag Teams could match, and stays valid', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('<', '>', '/', 'a', 't', ' ', '*', '[', ']', '&', '\\', 'x') }),
        (value) => {
          const card = renderCard({
            text: value,
            blocks: [
              { type: 'header', text: value },
              section(text(value), mention(alice)),
              { type: 'fields', fields: [{ label: value, value }] },
            ],
          });
          const json = JSON.stringify(card.body);
          const tags = json.match(/<\s*\/?\s*at/gi) ?? [];
          expect(tags).toHaveLength(2);
          expect(plainText(value)).not.toMatch(/<\s*\/?\s*at/i);
        },
      ),
      { numRuns: 200 },
    );
  });
});
