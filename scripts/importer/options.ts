import { parseArgs } from 'util';

export type PublishStatus = 'draft' | 'published';

export interface ImportOptions {
  url: string;
  token: string;
  batch: number;
  concurrency: number;
  /** `item`: each item in its own transaction (the API's default); `batch`: each request stored whole or not at all. */
  transaction: 'item' | 'batch';
  status?: PublishStatus;
  source?: string;
  dryRun: boolean;
  json: boolean;
  /** Seconds a failing request (or a retryable item) keeps being retried after its first failure. */
  retryFor: number;
  paths: string[];
}

export const USAGE = `Usage: npm run import -- [options] PATH…

Pushes .txt, .md, .html/.htm and .json documents (files, or folders walked recursively) to
POST /api/articles/import. PATH "-" reads one document from standard input.

Options:
  --url URL             the CMS (default: $STRAPI_URL or http://localhost:1337)
  --token TOKEN         API token with import permission (default: $STRAPI_TOKEN)
  --batch N             items per request (default 25)
  --concurrency N       requests in flight (default 4)
  --transaction MODE    item (default: each item in its own transaction) or batch (each request in one
                        transaction, about twice as fast; an invalid item is reported and the batch is
                        sent again without it)
  --status S            draft|published, for items that do not say (default: the API's, draft)
  --source NAME         source name, for items that do not say
  --retry-for SECONDS   keep retrying a request that fails with 5xx, 429 or a network error, and items
                        the server says are retryable (database unavailable), for this long after
                        their first failure (default 120)
  --dry-run             preview through POST /api/content-normalizer/preview; writes nothing
  --json                print a machine-readable report on stdout
  -h, --help            this help
`;

export class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return parsed;
}

/** Parses argv; throws UsageError for anything a user should fix, returns null for --help. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): ImportOptions | null {
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;

  const status = values.status;
  if (status !== undefined && status !== 'draft' && status !== 'published') {
    throw new UsageError(`--status must be draft or published, got "${status}"`);
  }
  const token = values.token ?? env.STRAPI_TOKEN ?? '';
  if (!token.trim()) throw new UsageError('an API token is required: --token TOKEN or STRAPI_TOKEN');
  const url = (values.url ?? env.STRAPI_URL ?? 'http://localhost:1337').replace(/\/+$/, '');
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url is not a URL: "${url}"`);
  }
  if (positionals.length === 0) throw new UsageError('give at least one PATH (a file, a folder, or - for stdin)');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('"-" (stdin) may be given only once');
  if (values.source !== undefined && !values.source.trim()) throw new UsageError('--source must not be empty');
  const transaction = values.transaction ?? 'item';
  if (transaction !== 'item' && transaction !== 'batch') throw new UsageError(`--transaction must be item or batch, got "${transaction}"`);

  return {
    url,
    token: token.trim(),
    batch: positiveInt('batch', values.batch, 25),
    concurrency: positiveInt('concurrency', values.concurrency, 4),
    transaction,
    status,
    source: values.source,
    dryRun: values['dry-run'] === true,
    retryFor: positiveInt('retry-for', values['retry-for'], 120),
    json: values.json === true,
    paths: positionals,
  };
}

function parseWith(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      transaction: { type: 'string' },
      status: { type: 'string' },
      source: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'retry-for': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
