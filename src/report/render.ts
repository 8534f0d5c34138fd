import { resolve } from 'node:path';
import { decodeSource } from '../analysis/decode';
import { languageOf, readRegularFile } from '../analysis/files';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import type { OutputFormat, Report } from './report';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { FailOn } from './verdict';

/** The largest file an excerpt is read from: a probe's finding can be in a tokenizer file of tens of MB. */
const EXCERPT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads source lines of reported files for the text excerpt, each file once, decoded as the analysis decoded it (other
 * files, such as a probe's JSON, as UTF-8); a FIFO, a device or a larger file shows none.
 */
export function sourceLineReader(cwd: string): (path: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (path, line) => {
    if (!cache.has(path)) {
      try {
        const bytes = readRegularFile(resolve(cwd, path), EXCERPT_MAX_BYTES);
        cache.set(path, decodeSource(bytes, languageOf(path) ?? 'typescript').text.split(/\r?\n/));
      } catch {
        cache.set(path, undefined);
      }
    }
    return cache.get(path)?.[line - 1];
  };
}

export function renderReport(report: Report, format: OutputFormat, options: { cwd: string; color: boolean; failOn: FailOn }): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(report, options.failOn);
    case 'text':
      return formatText(report, { color: options.color, sourceLine: sourceLineReader(options.cwd) });
  }
}
