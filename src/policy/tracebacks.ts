import { preciseNow } from './recording';

/** A Python traceback the rollout command wrote to stderr, and when: the answer served just before it is its likely cause. */
export interface LoggedTraceback {
  /** When its first line was read, on the recording's clock (`preciseNow`). */
  time: number;
  /** Its last line, the exception (`ValueError: not arithmetic: 'x'`); empty when the output ended first. */
  exception: string;
}

/** Tracebacks kept per run: a command that logs one per request would otherwise fill memory. */
const MAX_TRACEBACKS = 100;

const HEADER = 'Traceback (most recent call last):';
/** Lines between the tracebacks of one chained exception (`raise ... from`, an exception while handling another). */
const CHAINED = /^(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)$/;

/**
 * Finds Python tracebacks in a command's stderr as it streams: a traceback starts at its header and ends at its first
 * line that is not indented (the exception). A chained exception's tracebacks are one traceback, of the last exception.
 */
export class TracebackWatcher {
  readonly tracebacks: LoggedTraceback[] = [];
  private partial = '';
  /** Inside a traceback: its frames are being read. */
  private open?: LoggedTraceback;
  /** After the line that chains a traceback to the one before (`During handling of the above exception...`). */
  private chained = false;

  constructor(private readonly now: () => number = preciseNow) {}

  feed(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) this.line(line.replace(/\r$/, ''));
  }

  private line(line: string): void {
    if (line === HEADER) {
      const last = this.tracebacks[this.tracebacks.length - 1];
      if (this.chained && last) this.open = last;
      else {
        this.open = { time: this.now(), exception: '' };
        if (this.tracebacks.length < MAX_TRACEBACKS) this.tracebacks.push(this.open);
      }
      this.chained = false;
      return;
    }
    if (this.open) {
      if (/^\s/.test(line) || !line) return;
      this.open.exception = line;
      this.open = undefined;
      return;
    }
    if (line) this.chained = CHAINED.test(line);
  }
}
