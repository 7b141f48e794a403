/**
 * HTTP to the CMS with retries: 5xx, 429 and network errors are worth another try, 4xx are not. A request is
 * retried with backoff until `retryForMs` have passed since it first failed, so an import rides through a
 * server restart or a database failover (the import API is idempotent: sending an item twice is safe).
 */

export interface RetryPolicy {
  /** How long one request keeps being retried after its first failure. */
  retryForMs: number;
  baseMs: number;
  maxMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retryForMs: 120_000, baseMs: 300, maxMs: 10_000, timeoutMs: 120_000 };

export interface ApiResponse {
  status: number;
  body: unknown;
}

export class RequestFailed extends Error {}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, so concurrent workers do not retry in lockstep. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(Math.random() * ceiling);
}

export function retryAfterMs(header: string | null, policy: RetryPolicy): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, policy.maxMs) : undefined;
}

/** Strapi's error envelope: { error: { status, name, message, details } }. */
export function errorMessageOf(response: ApiResponse): string {
  const error = (response.body as { error?: { message?: unknown; details?: { field?: unknown } } } | null)?.error;
  const message = typeof error?.message === 'string' ? error.message : undefined;
  return `HTTP ${response.status}${message ? `: ${message}` : ''}`;
}

export class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly onRetry: (reason: string, attempt: number) => void = () => {},
  ) {}

  get policy(): RetryPolicy {
    return this.retry;
  }

  /** POSTs JSON; resolves with any final HTTP answer, throws RequestFailed when retries run out on network errors. */
  async post(route: string, payload: unknown): Promise<ApiResponse> {
    const body = JSON.stringify(payload);
    let firstFailureAt: number | undefined;
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      let wait: number | undefined;
      try {
        const res = await fetch(`${this.baseUrl}${route}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}`, Accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(this.retry.timeoutMs),
        });
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // Proxies answer HTML error pages; keep the text for the message.
        }
        const response = { status: res.status, body: parsed };
        if (res.status !== 429 && res.status < 500) return response;
        reason = errorMessageOf(response);
        wait = retryAfterMs(res.headers.get('retry-after'), this.retry);
        firstFailureAt ??= Date.now();
        if (Date.now() - firstFailureAt >= this.retry.retryForMs) return response;
      } catch (error) {
        const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
        reason = err.cause?.code ?? err.cause?.message ?? err.name ?? 'network error';
        if (err.name === 'TimeoutError') reason = `no answer within ${this.retry.timeoutMs / 1000} s`;
        firstFailureAt ??= Date.now();
        if (Date.now() - firstFailureAt >= this.retry.retryForMs) {
          throw new RequestFailed(`${reason} (after ${attempt + 1} attempts over ${Math.round((Date.now() - firstFailureAt) / 1000)} s)`);
        }
      }
      this.onRetry(reason, attempt + 1);
      // The last wait ends at the deadline: a long backoff drawn late must not stretch --retry-for.
      const left = this.retry.retryForMs - (Date.now() - firstFailureAt);
      await sleep(Math.max(0, Math.min(wait ?? backoffMs(attempt, this.retry), left)));
    }
  }
}
