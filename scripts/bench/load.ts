/** Small load helpers: a bounded-concurrency pool, JSON POSTs, and a typed wrapper over autocannon. */
import { EventEmitter } from 'events';

export const median = (values: number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs task(0..count-1) with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export async function postJson(url: string, token: string, body: unknown): Promise<{ status: number; json: unknown }> {
  let res: Response | undefined;
  // A kept-alive socket the server has just closed fails with ECONNRESET; the import API is idempotent, so
  // sending the same request again is safe.
  for (let attempt = 1; !res; attempt += 1) {
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    } catch (error) {
      // undici hides the useful part (ECONNRESET, headers timeout…) in `cause`.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (attempt < 3 && cause?.code === 'ECONNRESET') continue;
      throw new Error(`POST ${url}: ${cause?.code ?? ''} ${cause?.message ?? String(error)}`);
    }
  }
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // keep the text for the error message
  }
  return { status: res.status, json };
}

export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.json();
}

// autocannon ships no types; this is the part of its API the bench uses.
interface AutocannonRequest {
  method?: string;
  path?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests?: AutocannonRequest[];
}
export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type AutocannonInstance = EventEmitter & { stop: () => void };
type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface ReadLoad {
  result: Promise<AutocannonResult>;
  stop: () => void;
}

/** Starts a read load; `paths` are requested in turn by every connection. */
export function readLoad(baseUrl: string, paths: string[], connections: number, seconds: number): ReadLoad {
  let turn = 0;
  let instance: AutocannonInstance | undefined;
  const result = new Promise<AutocannonResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[turn++ % paths.length] }) }],
      },
      (error, out) => (error ? reject(error) : resolve(out)),
    );
  });
  return { result, stop: () => instance?.stop() };
}
