import { CHAT_TEMPLATE_FAMILIES, CONTROL_TOKEN_PATTERN, END_TOKENS, hasControlToken, withoutTrailingEndTokens } from '../chat-template';
import { examplesOf, excerpt, keepWorst, mergeWorst, type WorstExamples } from '../stats';
import { endsWithToolCall } from '../tool-calls';
import { fraction, plural, share, type RolloutCheck } from './check';

export interface LeakScan {
  /** Control tokens (or their residue, or `Human:` turns) the model wrote itself. */
  leaked: number;
  /** Where the first one is. */
  offset: number;
}

const HUMAN_TURN = /(?:^|\n)\s*Human:/g;
const ROLE_LINE = /(?:^|\n)(user|tool|system|assistant)\n/g;
const ASSISTANT_LINE = /(?:^|\n)assistant\n/g;

/**
 * Counts what the model wrote of the chat template. In a multi-turn response, the tool's turn and the next
 * assistant header that follow a turn ending in a tool call are the environment's, not a leak; text after an
 * end-of-turn token that did not call a tool is the model running on into an invented turn.
 */
export function scanLeaks(response: string): LeakScan {
  // Most responses hold no control token but the end-of-turn they end with: one search of the rest settles them.
  const body = withoutTrailingEndTokens(response);
  const endsWithEndToken = body.length !== response.trimEnd().length;
  const scan =
    hasControlToken(body)
      ? scanControlTokens(response)
      : endsWithEndToken
        ? { leaked: 0, offset: -1 }
        : scanResidue(response);
  // The regex only where it can match: it runs on every response.
  if (!response.includes('Human:')) return scan;
  for (const match of response.matchAll(HUMAN_TURN)) {
    scan.leaked++;
    if (scan.offset === -1 || match.index < scan.offset) scan.offset = match.index;
  }
  return scan;
}

function countControlTokens(text: string, base: number, scan: LeakScan): void {
  for (const match of text.matchAll(CONTROL_TOKEN_PATTERN)) {
    scan.leaked++;
    if (scan.offset === -1) scan.offset = base + match.index;
  }
}

function scanControlTokens(response: string): LeakScan {
  const scan: LeakScan = { leaked: 0, offset: -1 };
  let position = 0;
  while (position < response.length) {
    const end = nextOf(response, END_TOKENS, position);
    const segment = response.slice(position, end ? end.at : response.length);
    countControlTokens(segment, position, scan);
    if (!end) break;
    const after = end.at + end.token.length;
    const rest = response.slice(after);
    if (!withoutTrailingEndTokens(rest)) break;
    if (!endsWithToolCall(segment)) {
      const before = scan.leaked;
      countControlTokens(rest, after, scan);
      if (scan.leaked === before) {
        scan.leaked++;
        if (scan.offset === -1) scan.offset = after;
      }
      break;
    }
    const header = nextOf(response, CHAT_TEMPLATE_FAMILIES.map((f) => f.assistantHeader), after);
    if (!header) break;
    position = header.at + header.token.length;
  }
  return scan;
}

/** Decoded with skip_special_tokens: a role word alone on a line is what is left of a turn header. */
function scanResidue(response: string): LeakScan {
  const scan: LeakScan = { leaked: 0, offset: -1 };
  let position = 0;
  for (;;) {
    ROLE_LINE.lastIndex = position;
    const match = ROLE_LINE.exec(response);
    if (!match) return scan;
    const role = match[1];
    if ((role === 'user' || role === 'tool') && endsWithToolCall(response.slice(position, match.index))) {
      ASSISTANT_LINE.lastIndex = ROLE_LINE.lastIndex;
      const next = ASSISTANT_LINE.exec(response);
      if (!next) return scan;
      position = ASSISTANT_LINE.lastIndex;
      continue;
    }
    scan.leaked++;
    if (scan.offset === -1) scan.offset = match.index;
    position = ROLE_LINE.lastIndex;
  }
}

function nextOf(text: string, tokens: readonly string[], from: number): { at: number; token: string } | undefined {
  let best: { at: number; token: string } | undefined;
  for (const token of tokens) {
    const at = text.indexOf(token, from);
    if (at !== -1 && (!best || at < best.at)) best = { at, token };
  }
  return best;
}

interface LeakTally {
  total: number;
  leaking: number;
  /** Responses with more than one leaked token. */
  repeating: number;
  /** Responses decoded with skip_special_tokens: only residue shows. */
  stripped: number;
  examples: WorstExamples;
}

export const specialTokenLeak: RolloutCheck<LeakTally> = {
  meta: { id: 'special-token-leak', severity: 'error', threshold: 0 },
  empty: () => ({ total: 0, leaking: 0, repeating: 0, stripped: 0, examples: [] }),
  add(tally, t) {
    tally.total++;
    if (t.specialTokensStripped) tally.stripped++;
    const { leaked, offset } = scanLeaks(t.response);
    if (!leaked) return;
    tally.leaking++;
    if (leaked > 1) tally.repeating++;
    keepWorst(tally.examples, leaked, () => ({
      source: t.source,
      detail: `${plural(leaked, 'chat control token')} (or role lines) written by the model`,
      excerpt: excerpt(t.response, offset),
    }));
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.leaking += later.leaking;
    tally.repeating += later.repeating;
    tally.stripped += later.stripped;
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, leaking, repeating, stripped, examples }) {
    const note = stripped ? '; the dump was decoded with skip_special_tokens, so only role-word residue is visible: a dump with special tokens or token ids gives the full check' : '';
    const message = leaking
      ? `${fraction(leaking, total, 'response')} contain chat control tokens, ${repeating} of them repeatedly${note}`
      : `no chat control token inside ${plural(total, 'response')}${note}`;
    return {
      count: leaking,
      total,
      message,
      examples: examplesOf(examples),
      metrics: { special_token_leak_rate: share(leaking, total), special_token_repeat_rate: share(repeating, total) },
    };
  },
};
