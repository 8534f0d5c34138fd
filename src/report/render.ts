import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import type { OutputFormat, Report } from './report';
import { formatSarif } from './sarif';
import { formatText } from './text';

/** Reads source lines of reported files for the text excerpt, each file once. */
export function sourceLineReader(cwd: string): (path: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (path, line) => {
    if (!cache.has(path)) {
      try {
        cache.set(path, readFileSync(resolve(cwd, path), 'utf8').split(/\r?\n/));
      } catch {
        cache.set(path, undefined);
      }
    }
    return cache.get(path)?.[line - 1];
  };
}

export function renderReport(report: Report, format: OutputFormat, options: { cwd: string; color: boolean }): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'text':
      return formatText(report, { color: options.color, sourceLine: sourceLineReader(options.cwd) });
  }
}
