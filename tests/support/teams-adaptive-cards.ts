import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Microsoft's own Adaptive Cards SDK, the browser bundle, run on jsdom: it parses a card the way the
 * renderers in Teams do and reports every parse event (unknown element, bad property value, property
 * beyond the card's version) and every validation event (duplicate ids, missing labels…).
 */
// biome-ignore lint/suspicious/noExplicitAny: the bundle is untyped JavaScript
type AdaptiveCardsSdk = any;

let sdk: AdaptiveCardsSdk | undefined;

function loadSdk(): AdaptiveCardsSdk {
  if (sdk) return sdk;
  // jsdom ships no type declarations; only its constructor and window are used.
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: object } };
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const globals = globalThis as Record<string, unknown>;
  const elementClasses = Object.getOwnPropertyNames(dom.window).filter((name) =>
    /^HTML\w*Element$/.test(name),
  );
  for (const name of [
    'window',
    'document',
    'navigator',
    'Node',
    'Element',
    'getComputedStyle',
    ...elementClasses,
  ]) {
    if (!(name in globals)) {
      const value = (dom.window as unknown as Record<string, unknown>)[name];
      Object.defineProperty(globalThis, name, {
        value: typeof value === 'function' && name === 'getComputedStyle' ? value.bind(dom.window) : value,
        configurable: true,
        writable: true,
      });
    }
  }
  sdk = require('adaptivecards/dist/adaptivecards.js');
  return sdk;
}

export interface CardCheck {
  /** Parse events, then validation events, as `message` strings. */
  events: string[];
  /** The card as the SDK re-serializes it: proves it understood what we sent. */
  roundTrip: Record<string, unknown>;
}

/** Parses `json` as an Adaptive Card of schema 1.5 and validates it. */
export function checkAdaptiveCard(json: unknown): CardCheck {
  const AC = loadSdk();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) events.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) events.push(`validation: ${event.message}`);
  return { events, roundTrip: card.toJSON(new AC.SerializationContext(AC.Versions.v1_5)) };
}

/** The card as the SDK renders it for a reader, as text: DATE() and TIME() come out as that reader's clock. */
export function renderedCardText(json: unknown): string {
  const AC = loadSdk();
  // jsdom has no innerText, which the SDK writes plain text with; textContent is the same thing here.
  const proto = (globalThis as unknown as { HTMLElement: { prototype: object } }).HTMLElement.prototype;
  if (!Object.getOwnPropertyDescriptor(proto, 'innerText')) {
    Object.defineProperty(proto, 'innerText', {
      get(this: { textContent: string | null }) {
        return this.textContent;
      },
      set(this: { textContent: string | null }, value: string) {
        this.textContent = value;
      },
    });
  }
  // Teams reads Markdown; the SDK needs a processor for it. Escaped text is enough to see what is shown.
  AC.AdaptiveCard.onProcessMarkdown = (
    markdown: string,
    result: { outputHtml?: string; didProcess?: boolean },
  ) => {
    result.outputHtml = markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    result.didProcess = true;
  };
  const card = new AC.AdaptiveCard();
  card.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
  const element = card.render() as { textContent: string | null } | undefined;
  return element?.textContent ?? '';
}
