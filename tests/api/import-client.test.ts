import { Client, RequestFailed } from '../../scripts/importer/client';
import { unusedPort } from '../helpers/net';

describe('importer client retries', () => {
  const random = Math.random;
  afterEach(() => {
    Math.random = random;
  });

  it('never waits past its --retry-for deadline, however long the drawn backoff', async () => {
    // The largest jitter every time: waits of 300, 600, then 1,200 ms — the third would end 2.1 s after the first
    // failure; the deadline of 1 s cuts it, and the request gives up at 1 s.
    Math.random = () => 1;
    const attempts: number[] = [];
    const client = new Client(
      `http://127.0.0.1:${await unusedPort()}`,
      'token',
      { retryForMs: 1000, baseMs: 300, maxMs: 10_000, timeoutMs: 5000 },
      (_reason, attempt) => attempts.push(attempt),
    );
    const failure = await client.post('/api/articles/import', { data: {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RequestFailed);
    expect((failure as Error).message).toMatch(/^ECONNREFUSED \(after 4 attempts over 1 s\)$/);
    expect(attempts).toEqual([1, 2, 3]);
  });
});
