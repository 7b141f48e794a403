/**
 * Importer command line: pushes documents to a running CMS through POST /api/articles/import.
 *   npm run import -- [--url URL] [--token TOKEN] [--batch N] [--concurrency N] [--status S] [--source NAME] [--dry-run] [--json] PATH…
 * Exit codes: 0 all imported, 1 some failed (or the run was stopped), 2 usage error, 130 interrupted.
 */
import { parseOptions, USAGE, UsageError, type ImportOptions } from './importer/options';
import { formatSummary, runImport } from './importer/run';

async function main(): Promise<number> {
  let options: ImportOptions | null;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`import: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return 0;
  }

  // First Ctrl-C: stop sending, let requests in flight finish, print the summary. Second: leave now.
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ninterrupted: finishing requests in flight (Ctrl-C again to quit now)\n');
    controller.abort();
  });

  const report = await runImport(options, { stdout: process.stdout, stderr: process.stderr }, controller.signal);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report)}\n`);
  if (controller.signal.aborted) return 130;
  return report.failed > 0 || report.stopped ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`import: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
