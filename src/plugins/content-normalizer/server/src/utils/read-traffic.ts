/**
 * Whether readers (or anyone but the importer) are being served right now: the import pacer gives way to them.
 * The database-unavailable middleware, which sees every request, notes each one here.
 */
let lastOtherRequestAt = -Infinity;

export function noteRequest(path: string, importPath: string): void {
  if (path !== importPath) lastOtherRequestAt = Date.now();
}

export function othersServedWithin(ms: number): boolean {
  return Date.now() - lastOtherRequestAt < ms;
}
