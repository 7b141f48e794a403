/**
 * linkedom 0.18 gives every node, text and attribute an entry in a module-wide WeakMap holding an empty Map of
 * event listeners, from its EventTarget constructor. Server-side parsing never registers a listener, yet those
 * ephemeron entries dominate garbage collection: a news page makes tens of thousands of nodes, and the HTML
 * path ran about 40 % faster without them (measured on the Readability pages).
 *
 * `installLazyEvents` (exported by core/index.ts as `installLinkedomSpeedups`) installs a base class between
 * linkedom's Node and its EventTarget whose constructor does nothing; the listener map is created on the
 * first addEventListener instead. addEventListener, removeEventListener and dispatchEvent are re-implemented
 * with the same behaviour as linkedom's (same path building through `_getParent`, same `once` handling, same
 * stopImmediatePropagation flag), over the lazily created maps. Nothing else in linkedom reads its private map.
 *
 * It patches linkedom's prototypes for the whole process (every copy of linkedom loaded by the same module
 * registry), so nothing calls it on import: a process that cleans HTML calls it once, at start-up, before
 * parsing (the clean worker, scripts/eval.ts, scripts/bench-clean.ts). Cleaning results are the same with or
 * without it (core/linkedom-lazy-events.test.ts checks both); only speed differs. Nodes created before the
 * call keep working, but listeners they registered before it are not seen after it.
 */
import { parseHTML } from 'linkedom';

type Listener = ((ev: unknown) => void) | { handleEvent(ev: unknown): void };
interface Ev {
  type: string;
  bubbles: boolean;
  eventPhase: number;
  currentTarget?: unknown;
  target?: unknown;
  defaultPrevented: boolean;
  cancelBubble: boolean;
  _path: { currentTarget: Target; target: Target }[];
  _stopImmediatePropagationFlag?: boolean;
  CAPTURING_PHASE: number;
  AT_TARGET: number;
  BUBBLING_PHASE: number;
  NONE: number;
}
interface Target {
  dispatchEvent?: unknown;
  _getParent?: () => Target | null;
}

const listeners = new WeakMap<object, Map<string, Map<Listener, unknown>>>();
const MARK = Symbol.for('content-normalizer.linkedom-lazy-events');

function invoke(this: Ev, { currentTarget, target }: { currentTarget: Target; target: Target }): boolean {
  const map = listeners.get(currentTarget as object);
  if (!map || !map.has(this.type)) return false;
  const list = map.get(this.type) as Map<Listener, unknown>;
  this.eventPhase = currentTarget === target ? this.AT_TARGET : this.BUBBLING_PHASE;
  this.currentTarget = currentTarget;
  this.target = target;
  for (const [listener, options] of list) {
    if (options && (options as { once?: boolean }).once) list.delete(listener);
    if (typeof listener === 'function') listener.call(this.target, this);
    else listener.handleEvent(this);
    if (this._stopImmediatePropagationFlag) break;
  }
  delete this.currentTarget;
  delete this.target;
  return this.cancelBubble;
}

/** linkedom's Node prototype and class and the EventTarget class above them, found from a real node. */
function findNode(): { nodeProto: object; NodeClass: object; Base: { prototype: object; [MARK]?: boolean } } | null {
  const { document } = parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: object };
  // Walk up from a real node to the prototype whose parent defines addEventListener: that is Node.prototype
  // (or, once patched, the lazy class's prototype, whose parent is Node.prototype's original parent).
  let proto = Object.getPrototypeOf(document) as object | null;
  while (proto) {
    const parent = Object.getPrototypeOf(proto) as { addEventListener?: unknown } | null;
    if (parent && typeof parent.addEventListener === 'function' && Object.prototype.hasOwnProperty.call(parent, 'addEventListener')) {
      const NodeClass = (proto as { constructor: object }).constructor;
      const Base = Object.getPrototypeOf(NodeClass) as { prototype: object; [MARK]?: boolean };
      return { nodeProto: proto, NodeClass, Base };
    }
    proto = parent;
  }
  return null;
}

/** Whether linkedom's nodes now create their listener maps lazily (the patch is in place). */
export function lazyEventsInstalled(): boolean {
  try {
    const found = findNode();
    return found !== null && found.Base[MARK] === true;
  } catch {
    return false;
  }
}

/** For tests: whether the patched addEventListener has created a listener map for `target`. */
export function hasListenerMap(target: object): boolean {
  return listeners.has(target);
}

/**
 * Installs the patch, once: later calls do nothing. Returns whether the patch is in place; false (and linkedom
 * left as it is) when linkedom's shape is not the expected one.
 */
export function installLazyEvents(): boolean {
  try {
    const found = findNode();
    if (!found) return false;
    const { nodeProto, NodeClass, Base } = found;
    if (Base[MARK]) return true;
    if (Object.getPrototypeOf(nodeProto) !== Base.prototype) return false;
    const baseProto = Base.prototype as { _getParent?: unknown };

    class LazyEventTarget {
      _getParent(): Target | null {
        return null;
      }
      addEventListener(type: string, listener: Listener, options?: unknown): void {
        let map = listeners.get(this);
        if (!map) listeners.set(this, (map = new Map()));
        if (!map.has(type)) map.set(type, new Map());
        (map.get(type) as Map<Listener, unknown>).set(listener, options);
      }
      removeEventListener(type: string, listener: Listener): void {
        const map = listeners.get(this);
        if (map && map.has(type)) {
          const list = map.get(type) as Map<Listener, unknown>;
          if (list.delete(listener) && !list.size) map.delete(type);
        }
      }
      dispatchEvent(event: Ev): boolean {
        let node: Target | null | false | undefined = this as unknown as Target;
        event.eventPhase = event.CAPTURING_PHASE;
        while (node) {
          if (node.dispatchEvent) event._path.push({ currentTarget: node, target: this as unknown as Target });
          node = event.bubbles && node._getParent && node._getParent();
        }
        event._path.some(invoke, event);
        event._path = [];
        event.eventPhase = event.NONE;
        return !event.defaultPrevented;
      }
    }
    // Keep linkedom's own _getParent if it has one; keep `instanceof EventTarget` true.
    if (typeof baseProto._getParent === 'function') delete (LazyEventTarget.prototype as { _getParent?: unknown })._getParent;
    Object.setPrototypeOf(LazyEventTarget.prototype, Base.prototype);
    Object.setPrototypeOf(LazyEventTarget, Base);
    (LazyEventTarget as unknown as { [MARK]: boolean })[MARK] = true;
    Object.setPrototypeOf(nodeProto, LazyEventTarget.prototype);
    Object.setPrototypeOf(NodeClass, LazyEventTarget);
    return true;
  } catch {
    // Leave linkedom as it is.
    return false;
  }
}
