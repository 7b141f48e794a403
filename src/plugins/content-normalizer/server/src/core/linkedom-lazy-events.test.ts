/**
 * The linkedom patch (lazy listener maps), against linkedom itself. Each case loads its own copies of linkedom
 * and of the engine with jest.isolateModulesAsync, so the unpatched copies stay unpatched whatever runs first:
 * the patch changes the prototypes of one loaded copy of linkedom only.
 */
import fs from 'fs';
import path from 'path';
import type * as LinkedomModule from 'linkedom';
import type * as LazyModule from './linkedom-lazy-events';
import type * as CleanModule from './clean';

interface Loaded {
  linkedom: typeof LinkedomModule;
  lazy: typeof LazyModule;
  clean: typeof CleanModule;
}

/** Fresh copies of linkedom, of the patch module and of the engine; patched or not. */
async function load(patch: boolean): Promise<Loaded> {
  let loaded: Loaded | undefined;
  await jest.isolateModulesAsync(async () => {
    // The installer core/index.ts exports as installLinkedomSpeedups (index itself is not loaded here: it
    // also loads modules that are not about HTML).
    const lazy = await import('./linkedom-lazy-events');
    const clean = await import('./clean');
    if (patch) expect(lazy.installLazyEvents()).toBe(true);
    loaded = { linkedom: await import('linkedom'), lazy, clean };
  });
  return loaded as Loaded;
}

interface Target {
  addEventListener(type: string, listener: unknown, options?: unknown): void;
  removeEventListener(type: string, listener: unknown): void;
  dispatchEvent(event: unknown): boolean;
}
interface Ev {
  eventPhase: number;
  currentTarget: unknown;
  target: unknown;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
  stopImmediatePropagation(): void;
}

function page(linkedom: typeof LinkedomModule) {
  const w = linkedom.parseHTML('<!doctype html><html><body><div id="d"><p id="p">x</p></div></body></html>') as unknown as {
    document: { getElementById(id: string): Target; body: Target; documentElement: Target };
    Event: new (type: string, init?: { bubbles?: boolean; cancelable?: boolean }) => Ev;
  };
  const { document, Event } = w;
  return { p: document.getElementById('p'), div: document.getElementById('d'), body: document.body, Event };
}

/** A script of event operations; its log is compared between patched and unpatched linkedom. */
function script(linkedom: typeof LinkedomModule): string[] {
  const { p, div, body, Event } = page(linkedom);
  const log: string[] = [];
  const name = (t: unknown) => (t === p ? 'p' : t === div ? 'div' : t === body ? 'body' : String(t));
  const note = (who: string) =>
    function (this: unknown, e: Ev) {
      log.push(`${who} this=${name(this)} phase=${e.eventPhase} current=${name(e.currentTarget)} target=${name(e.target)}`);
    };
  const onP = note('p1');
  p.addEventListener('ping', onP);
  p.addEventListener('ping', note('p-once'), { once: true });
  p.addEventListener('ping', { handleEvent: (e: Ev) => log.push(`p-object current=${name(e.currentTarget)}`) });
  div.addEventListener('ping', note('div'));
  body.addEventListener('ping', note('body'));
  p.addEventListener('ping', onP); // the same listener twice: still one
  log.push('--- bubbling');
  p.dispatchEvent(new Event('ping', { bubbles: true }));
  log.push('--- again: once is gone');
  p.dispatchEvent(new Event('ping', { bubbles: true }));
  log.push('--- not bubbling');
  p.dispatchEvent(new Event('ping'));
  log.push('--- removed');
  p.removeEventListener('ping', onP);
  p.removeEventListener('ping', () => undefined); // unknown listener: nothing happens
  p.removeEventListener('nothing', onP);
  p.dispatchEvent(new Event('ping', { bubbles: true }));
  log.push('--- stopPropagation on div');
  const stopAtDiv = (e: Ev) => {
    log.push('div stops');
    e.stopPropagation();
  };
  div.addEventListener('ping', stopAtDiv);
  p.dispatchEvent(new Event('ping', { bubbles: true }));
  div.removeEventListener('ping', stopAtDiv);
  log.push('--- stopImmediatePropagation on p');
  const stopNow = (e: Ev) => {
    log.push('p stops now');
    e.stopImmediatePropagation();
  };
  p.addEventListener('halt', stopNow);
  p.addEventListener('halt', note('p-after-stop'));
  div.addEventListener('halt', note('div-after-stop'));
  p.dispatchEvent(new Event('halt', { bubbles: true }));
  log.push('--- preventDefault');
  div.addEventListener('cancel', (e: Ev) => e.preventDefault());
  log.push(`cancelable: ${p.dispatchEvent(new Event('cancel', { bubbles: true, cancelable: true }))}`);
  log.push(`not cancelable: ${p.dispatchEvent(new Event('cancel', { bubbles: true }))}`);
  log.push(`no listener: ${body.dispatchEvent(new Event('nobody', { bubbles: true }))}`);
  return log;
}

describe('linkedom lazy event listeners', () => {
  test('nothing is patched on import; the installer patches once and says so', async () => {
    const plain = await load(false);
    expect(plain.lazy.lazyEventsInstalled()).toBe(false);
    const patched = await load(true);
    expect(patched.lazy.lazyEventsInstalled()).toBe(true);
    // The other copy of linkedom is untouched.
    expect(plain.lazy.lazyEventsInstalled()).toBe(false);
    // Idempotent: a second call changes nothing (the prototype chain of a node keeps its length).
    const chain = (o: object) => {
      let k = 0;
      for (let p = Object.getPrototypeOf(o); p; p = Object.getPrototypeOf(p)) k++;
      return k;
    };
    const before = chain(page(patched.linkedom).p);
    expect(patched.lazy.installLazyEvents()).toBe(true);
    expect(chain(page(patched.linkedom).p)).toBe(before);
    expect(chain(page(plain.linkedom).p)).toBe(before - 1);
  });

  test('no listener map for a node until addEventListener; the patched methods are the ones used', async () => {
    const patched = await load(true);
    const { p, div, Event } = page(patched.linkedom);
    expect(patched.lazy.hasListenerMap(p)).toBe(false);
    expect(patched.lazy.hasListenerMap(div)).toBe(false);
    p.dispatchEvent(new Event('ping', { bubbles: true })); // dispatching creates none either
    expect(patched.lazy.hasListenerMap(p)).toBe(false);
    expect(patched.lazy.hasListenerMap(div)).toBe(false);
    p.addEventListener('ping', () => undefined);
    expect(patched.lazy.hasListenerMap(p)).toBe(true);
    expect(patched.lazy.hasListenerMap(div)).toBe(false);
    // Unpatched linkedom keeps its own maps: the patch module never sees them.
    const plain = await load(false);
    const q = page(plain.linkedom).p;
    q.addEventListener('ping', () => undefined);
    expect(plain.lazy.hasListenerMap(q)).toBe(false);
  });

  test('remove removes, once fires once, stopImmediatePropagation stops', async () => {
    const { linkedom } = await load(true);
    const { p, div, Event } = page(linkedom);
    const seen: string[] = [];
    const onP = () => seen.push('p');
    p.addEventListener('ping', onP);
    p.addEventListener('ping', () => seen.push('once'), { once: true });
    p.dispatchEvent(new Event('ping'));
    p.dispatchEvent(new Event('ping'));
    expect(seen).toEqual(['p', 'once', 'p']);
    p.removeEventListener('ping', onP);
    p.dispatchEvent(new Event('ping'));
    expect(seen).toEqual(['p', 'once', 'p']);

    const order: string[] = [];
    p.addEventListener('halt', (e: Ev) => {
      order.push('first');
      e.stopImmediatePropagation();
    });
    p.addEventListener('halt', () => order.push('second'));
    div.addEventListener('halt', () => order.push('parent'));
    p.dispatchEvent(new Event('halt', { bubbles: true }));
    expect(order).toEqual(['first']);
  });

  test('the same script gives the same log on patched and unpatched linkedom', async () => {
    const expected = script((await load(false)).linkedom);
    // A few fixed points, so that both being wrong the same way would still fail.
    expect(expected).toContain('--- again: once is gone');
    expect(expected.filter((l) => l.startsWith('p-once'))).toHaveLength(1);
    expect(expected).toContain('div stops');
    expect(expected).toContain('p stops now');
    expect(expected).not.toContain(expect.stringMatching(/after-stop/));
    expect(expected).toContain('cancelable: false');
    expect(expected).toContain('no listener: true');
    expect(expected.filter((l) => l.startsWith('div this=p phase=3 current=div target=p'))).toHaveLength(4);
    expect(script((await load(true)).linkedom)).toEqual(expected);
  });
});

describe('cleaning with and without the linkedom patch', () => {
  const fixtures = path.resolve(__dirname, '../../../fixtures');
  const corpus = path.resolve(__dirname, '../../../../../../../shared/corpus/readability/pages');
  const pages: [string, string][] = fs
    .readdirSync(fixtures)
    .filter((f) => f.endsWith('.html'))
    .map((f) => [f, fs.readFileSync(path.join(fixtures, f), 'utf8')]);
  // A few Readability test pages when the evaluation corpus is beside the clone (it is not part of it).
  if (fs.existsSync(corpus))
    for (const name of ['001', 'ars-1', 'bbc-1', 'wikipedia', 'nytimes-1', 'lazy-image-1']) {
      const f = path.join(corpus, name, 'source.html');
      if (fs.existsSync(f)) pages.push([name, fs.readFileSync(f, 'utf8')]);
    }
  // And pages the depth cap and the Readability replacements work on.
  pages.push(['nested-divs', '<div>deep '.repeat(600)]);
  pages.push(['unclosed-inline', '<p><b><i>text '.repeat(300)]);
  pages.push(['nested-lists', '<ul><li>item, '.repeat(300)]);
  pages.push([
    'links',
    '<div><p>Para with <a href="/a">a link</a> and <a href="#h">a hash link</a>, more words here.</p></div>'.repeat(40),
  ]);

  test('equal results, the unpatched copy loaded and run first', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const plain = await load(false);
    const without = pages.map(([, html]) => plain.clean.cleanDocument({ html }));
    expect(plain.lazy.lazyEventsInstalled()).toBe(false);
    const patched = await load(true);
    const withPatch = pages.map(([, html]) => patched.clean.cleanDocument({ html }));
    pages.forEach(([name], i) => expect({ name, result: withPatch[i] }).toEqual({ name, result: without[i] }));
    expect(without.some((r) => r.problems.some((p) => p.code === 'html-depth-capped'))).toBe(true);
  });
});
