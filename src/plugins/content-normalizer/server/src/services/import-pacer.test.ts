import { performance } from 'perf_hooks';
import createPacer from './import-pacer';
import { noteRequest } from '../utils/read-traffic';

const strapiWith = (importShareWhenBusy: number) => ({ config: { get: () => ({ importShareWhenBusy }) } }) as never;

/** Keeps this thread busy for `ms`, as a write on SQLite does. */
const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* spin */
  }
};

async function delayOfNextWrite(pacer: ReturnType<typeof createPacer>, write: () => Promise<void>): Promise<number> {
  await pacer.run(write);
  const asked = performance.now();
  let startedAt = 0;
  await pacer.run(async () => {
    startedAt = performance.now();
  });
  return startedAt - asked;
}

describe('import pacer', () => {
  beforeEach(() => noteRequest('/api/articles', '/api/articles/import')); // a reader was just served

  it('after a write that kept the thread busy, pauses the next one for (1/share - 1) times its length', async () => {
    const delay = await delayOfNextWrite(createPacer({ strapi: strapiWith(0.25) }), async () => busyFor(30));
    // 30 ms busy at a quarter share: about 90 ms of pause.
    expect(delay).toBeGreaterThanOrEqual(60);
    expect(delay).toBeLessThan(1000);
  });

  it('does not pause after a write that mostly waited (a database doing the work, the thread free)', async () => {
    const delay = await delayOfNextWrite(
      createPacer({ strapi: strapiWith(0.25) }),
      () => new Promise((resolve) => setTimeout(resolve, 40)),
    );
    expect(delay).toBeLessThan(20);
  });

  it('does not pause with a share of 1', async () => {
    const delay = await delayOfNextWrite(createPacer({ strapi: strapiWith(1) }), async () => busyFor(30));
    expect(delay).toBeLessThan(20);
  });
});
