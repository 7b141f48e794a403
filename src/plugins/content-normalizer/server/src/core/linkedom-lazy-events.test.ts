import { parseHTML } from 'linkedom';
import { installLazyEvents } from './linkedom-lazy-events';

describe('linkedom lazy event listeners', () => {
  test('events still register, bubble, stop and unregister after the patch', () => {
    installLazyEvents();
    installLazyEvents(); // idempotent
    const w = parseHTML('<!doctype html><html><body><div><p>x</p></div></body></html>') as unknown as {
      document: { querySelector(s: string): EventTarget; body: EventTarget };
      Event: typeof Event;
    };
    const p = w.document.querySelector('p');
    const div = w.document.querySelector('div');
    const seen: string[] = [];
    const onP = () => seen.push('p');
    p.addEventListener('ping', onP);
    p.addEventListener('ping', () => seen.push('p-once'), { once: true });
    div.addEventListener('ping', () => seen.push('div'));
    p.dispatchEvent(new w.Event('ping', { bubbles: true }));
    p.dispatchEvent(new w.Event('ping', { bubbles: false }));
    p.removeEventListener('ping', onP);
    p.dispatchEvent(new w.Event('ping', { bubbles: true }));
    expect(seen).toEqual(['p', 'p-once', 'div', 'p', 'div']);
    expect(p instanceof (Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(p))).constructor as typeof Object)).toBe(true);
  });
});
