/** Text outside fenced code blocks (a fence closes only on a line equal to its opener): what GitHub renders as Markdown/HTML. */
export function outsideFences(markdown: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opener = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && opener) fence = opener;
    else if (fence !== undefined && line === fence) fence = undefined;
    else if (fence === undefined) kept.push(line);
  }
  return kept.join('\n');
}
