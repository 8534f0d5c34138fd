/**
 * JSON as Python's `json.dumps` writes it: standard JSON plus the bare tokens `NaN`, `Infinity` and `-Infinity`
 * (its default `allow_nan=True`). A NaN reward is exactly what the reward-sanity check must see, so these
 * parse to numbers instead of failing the line.
 */
const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The slow path runs only for lines that fail strict parsing and might hold these tokens.
    if (!/NaN|Infinity/.test(text)) throw error;
    const sentinels = new Map<string, number>();
    const quoted = quoteNonFiniteTokens(text, sentinels);
    return JSON.parse(quoted, (_key, value) => (typeof value === 'string' && sentinels.has(value) ? sentinels.get(value) : value));
  }
}

/** Replace `NaN`/`Infinity`/`-Infinity` outside strings with unique quoted sentinels. */
function quoteNonFiniteTokens(text: string, sentinels: Map<string, number>): string {
  const nonce = `\u0000rl-review-${Math.random().toString(36).slice(2)}:`;
  let out = '';
  let inString = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(token, i)) {
        const sentinel = `${nonce}${token}`;
        sentinels.set(sentinel, NON_FINITE[token]);
        out += text.slice(last, i) + JSON.stringify(sentinel);
        i += token.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return out + text.slice(last);
}
