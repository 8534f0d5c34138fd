import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { rehype } from 'rehype';
import rehypeSanitize from 'rehype-sanitize';

/**
 * A comment rendered close to the way GitHub renders it: GFM (micromark, the CommonMark and GFM reference
 * implementation) with raw HTML allowed, then GitHub's HTML sanitizer schema (rehype-sanitize's default schema
 * follows GitHub's). What a reader's browser gets.
 */
export function renderLikeGitHub(markdown: string): string {
  const html = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
  return String(rehype().data('settings', { fragment: true }).use(rehypeSanitize).processSync(html));
}

/** Debian's Chromium, where .ci/run installs it; undefined where it is missing (the tests that need it skip). */
export function chromium(): string | undefined {
  for (const binary of ['chromium', 'chromium-browser']) {
    if (spawnSync(binary, ['--version'], { encoding: 'utf8' }).status === 0) return binary;
  }
  return undefined;
}

export interface PageReport {
  /** The page's height, in CSS pixels, at a 1012 px wide window (GitHub's conversation column). */
  height: number;
  /** Each Mermaid block's text, and the error `mermaid.parse` gave (null: it parses). */
  mermaid: { code: string; error: string | null }[];
  /** The screenshot, when one was asked for. */
  screenshot?: string;
}

/**
 * `html` (a rendered comment) in GitHub's Markdown stylesheet, in headless Chromium: its height, whether each Mermaid
 * block parses with the `mermaid` package, and optionally a screenshot of its first `screenshotHeight` pixels.
 */
export function openInChromium(binary: string, html: string, options: { screenshot?: string; screenshotHeight?: number } = {}): PageReport {
  const dir = mkdtempSync(join(tmpdir(), 'rl-review-page-'));
  try {
    const css = readFileSync(resolve('node_modules/github-markdown-css/github-markdown-light.css'), 'utf8');
    const page = join(dir, 'page.html');
    writeFileSync(page, [
      '<!doctype html><html><head><meta charset="utf-8">',
      `<style>${css}\nbody { margin: 0; } .markdown-body { box-sizing: border-box; max-width: 1012px; padding: 16px; }</style>`,
      `<script src="${resolve('node_modules/mermaid/dist/mermaid.min.js')}"></script>`,
      '</head><body><article class="markdown-body">',
      html,
      '</article><pre id="rl-review-result" hidden></pre>',
      '<script>',
      'mermaid.initialize({ startOnLoad: false });',
      'const blocks = [...document.querySelectorAll("pre > code.language-mermaid")].map((code) => code.textContent);',
      'Promise.all(blocks.map((code) => mermaid.parse(code).then(() => ({ code, error: null }), (error) => ({ code, error: String(error.message ?? error) }))))',
      '  .then((mermaidResults) => {',
      '    const height = document.querySelector("article").getBoundingClientRect().height;',
      '    document.getElementById("rl-review-result").textContent = JSON.stringify({ height, mermaid: mermaidResults });',
      '  });',
      '</script></body></html>',
    ].join('\n'));
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--allow-file-access-from-files', '--virtual-time-budget=15000'];
    const dumped = spawnSync(binary, [...flags, '--window-size=1012,1000', '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 60_000 });
    const result = /<pre id="rl-review-result" hidden="">([^<]*)<\/pre>/.exec(dumped.stdout)?.[1];
    if (!result) throw new Error(`Chromium gave no result: ${dumped.stderr.slice(-500)}`);
    const report = JSON.parse(result.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as PageReport;
    if (options.screenshot) {
      const size = `--window-size=1012,${options.screenshotHeight ?? Math.ceil(report.height)}`;
      spawnSync(binary, [...flags, size, `--screenshot=${resolve(options.screenshot)}`, `file://${page}`], { encoding: 'utf8', timeout: 60_000 });
      report.screenshot = options.screenshot;
    }
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
