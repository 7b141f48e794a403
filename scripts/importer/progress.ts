/** Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise (logs, CI). */

export interface ProgressState {
  done: number;
  failed: number;
  /** Undefined while the counting walk is still running. */
  total?: number;
}

const formatDuration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly state: ProgressState,
    private readonly label: string,
    private readonly enabled = true,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  private line(): string {
    const { done, failed, total } = this.state;
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = total !== undefined && rate > 0 ? formatDuration(Math.max(0, total - done) / rate) : '?';
    const of = total !== undefined ? `${done}/${total}` : `${done}/…`;
    return `${this.label} ${of} ${rate.toFixed(1)} docs/s ETA ${eta} failed ${failed}`;
  }

  /** Called after every answer; throttled so 50,000 documents do not mean 50,000 writes. */
  update(force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    const every = this.tty ? 100 : 2000;
    if (!force && now - this.lastDraw < every) return;
    this.lastDraw = now;
    if (this.tty) {
      const { done, total } = this.state;
      const width = 24;
      const filled = total ? Math.min(width, Math.round((done / total) * width)) : 0;
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
      const columns = this.stream.columns || 100;
      this.stream.write(`\r${`${bar} ${this.line()}`.slice(0, columns - 1)}\x1b[K`);
      this.drawn = true;
    } else {
      this.stream.write(`${this.line()}\n`);
    }
  }

  /** Prints a message (on stderr, or on another stream such as stdout) without tearing the bar. */
  log(message: string, stream: NodeJS.WritableStream = this.stream): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[K');
    stream.write(`${message}\n`);
    if (this.tty && this.drawn) this.update(true);
  }

  finish(): void {
    if (!this.enabled) return;
    this.update(true);
    if (this.tty) this.stream.write('\n');
  }
}
