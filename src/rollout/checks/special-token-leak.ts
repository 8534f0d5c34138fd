import { CHAT_TEMPLATE_FAMILIES, CONTROL_TOKEN_PATTERN, END_TOKENS, hasControlToken, withoutTrailingEndTokens } from '../chat-template';
import { examplesOf, excerpt, keepWorst, mergeWorst, type WorstExamples } from '../stats';
import { endsWithToolCall } from '../tool-calls';
import type { ServedAnswer } from '../../policy/recording';
import type { Trajectory } from '../trajectory';
import { fraction, plural, share, type CheckContext, type RolloutCheck, type TurnTokenIds } from './check';

export interface LeakScan {
  /** Control tokens (or their residue, or `Human:` turns) the model certainly wrote itself. */
  leaked: number;
  /**
   * Control tokens (or role lines) in text that follows an end of turn with no tool call: the model running on into an
   * invented turn, or an environment's turn (a search result, a simulated user, a SQL result) that text alone cannot
   * tell apart. 0 when there is none.
   */
  continued: number;
  /** Where the first leak, or else the continuation, is; -1 when there is neither. */
  offset: number;
  /** The response holds an environment's turn for certain: the rollout is multi-turn. */
  multiTurn: boolean;
}

export interface LeakScanOptions {
  /** The prompt is Llama 3's template decoded with skip_special_tokens: role headers leave `user\n\n`, glued to the text before. */
  llama?: boolean;
  /** The text is one model turn (a message, a step's response): anything after an end of turn is the model's. */
  oneTurn?: boolean;
}

const HUMAN_TURN = /(?:^|\n)\s*Human:/g;

/**
 * What the model wrote of the chat template. In a multi-turn response, the environment's turn and the next assistant
 * header are not the model's: after a turn that ends in a tool call, or appended straight after the model's end of
 * turn (verl's agent loop appends `<|im_start|>user` to the `<|im_end|>` the model stopped at, so no `\n` is between
 * them). Text after an end of turn that did none of these is `continued`: the caller knows whether the rollout could
 * have an environment's turn there.
 */
export function scanLeaks(response: string, options: LeakScanOptions = {}): LeakScan {
  // Most responses hold no control token but the end-of-turn they end with: one search of the rest settles them.
  const body = withoutTrailingEndTokens(response);
  const endsWithEndToken = body.length !== response.trimEnd().length;
  const scan: LeakScan = hasControlToken(body)
    ? scanControlTokens(response)
    : endsWithEndToken
      ? { leaked: 0, continued: 0, offset: -1, multiTurn: false }
      : options.llama
        ? scanLlamaResidue(response)
        : scanResidue(response);
  if (options.oneTurn && scan.continued) {
    scan.leaked += scan.continued;
    scan.continued = 0;
  }
  // The regex only where it can match: it runs on every response.
  if (!response.includes('Human:')) return scan;
  for (const match of response.matchAll(HUMAN_TURN)) {
    scan.leaked++;
    if (scan.offset === -1 || match.index < scan.offset) scan.offset = match.index;
  }
  return scan;
}

function countControlTokens(text: string, base: number, scan: LeakScan, into: 'leaked' | 'continued'): void {
  for (const match of text.matchAll(CONTROL_TOKEN_PATTERN)) {
    scan[into]++;
    if (scan.offset === -1) scan.offset = base + match.index;
  }
}

/** ChatML's turn opener for the environment, written straight after the end of turn the model stopped at. */
const APPENDED_TURN = /^<\|im_start\|>(?:user|tool)\n/;

function scanControlTokens(response: string): LeakScan {
  const scan: LeakScan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  let position = 0;
  while (position < response.length) {
    const end = nextOf(response, END_TOKENS, position);
    const segment = response.slice(position, end ? end.at : response.length);
    countControlTokens(segment, position, scan, 'leaked');
    if (!end) break;
    const after = end.at + end.token.length;
    const rest = response.slice(after);
    if (!withoutTrailingEndTokens(rest)) break;
    if (!endsWithToolCall(segment) && !APPENDED_TURN.test(rest)) {
      const before = scan.continued;
      countControlTokens(rest, after, scan, 'continued');
      if (scan.continued === before) {
        scan.continued++;
        if (scan.offset === -1) scan.offset = after;
      }
      break;
    }
    scan.multiTurn = true;
    const header = nextOf(response, CHAT_TEMPLATE_FAMILIES.map((f) => f.assistantHeader), after);
    if (!header) break;
    position = header.at + header.token.length;
  }
  return scan;
}

const ROLE_WORD = /(user|tool|system|assistant)\n/g;
const ASSISTANT_LINE = /(?:^|\n)assistant\n/g;

/**
 * Decoded with skip_special_tokens, ChatML leaves a role word and `\n` where a turn began: on a line of its own when
 * the model's `<|im_end|>` was followed by the template's `\n` (the model writing the turn, or an environment that keeps
 * the `\n`), glued to the text before when the environment appended its turn to the model's end of turn (verl: the
 * environment's turn then ends with the generation prompt, a line `assistant`).
 */
function scanResidue(response: string): LeakScan {
  const scan: LeakScan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  const lastAssistantLine = response.startsWith('assistant\n') ? 0 : response.lastIndexOf('\nassistant\n') + 1;
  let position = 0;
  for (;;) {
    ROLE_WORD.lastIndex = position;
    let match: RegExpExecArray | null;
    let environment = false;
    // The first role word that opens a turn: on a line of its own, or glued after a tool call or before a generation prompt.
    for (;;) {
      match = ROLE_WORD.exec(response);
      if (!match) return scan;
      const onItsOwn = match.index === 0 || response[match.index - 1] === '\n';
      const role = match[1];
      environment = (role === 'user' || role === 'tool') && (toolCallEndsAt(response, match.index) || (!onItsOwn && lastAssistantLine > match.index));
      if (onItsOwn || environment) break;
    }
    if (environment) {
      scan.multiTurn = true;
      const next = nextAssistantLine(response, ROLE_WORD.lastIndex);
      if (next === -1) return scan;
      position = next;
      continue;
    }
    if (match[1] === 'assistant') {
      // A generation prompt with no turn before it: the model wrote a header.
      scan.leaked++;
      if (scan.offset === -1) scan.offset = match.index;
      position = ROLE_WORD.lastIndex;
      continue;
    }
    // A user or system turn after text that called no tool: the model's, or an environment's that kept the `\n`.
    scan.continued += [...response.slice(match.index).matchAll(/(?:^|\n)(?:user|tool|system|assistant)\n/g)].length || 1;
    if (scan.offset === -1) scan.offset = match.index;
    return scan;
  }
}

/** Whether a tool call ends at `index`, but for white space. */
function toolCallEndsAt(text: string, index: number): boolean {
  let at = index;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  return text.startsWith('</tool_call>', at - '</tool_call>'.length);
}

/** Where the text after the next `assistant` line starts, from `from` on; -1 when there is none. */
function nextAssistantLine(response: string, from: number): number {
  ASSISTANT_LINE.lastIndex = Math.max(0, from - 1);
  return ASSISTANT_LINE.exec(response) ? ASSISTANT_LINE.lastIndex : -1;
}

/**
 * Llama 3 decoded with skip_special_tokens: `<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n` leaves `user\n\n`
 * glued to the text before, with no `\n` (`42user\n\nThanks!assistant\n\n…`). A role word glued to a letter is taken
 * as a word (`superuser\n\n`); `ipython` and `tool` turns are the environment's.
 */
const LLAMA_HEADER = /(?:^|[^A-Za-z])(user|assistant|ipython|tool|system)\n\n/g;

function scanLlamaResidue(response: string): LeakScan {
  const scan: LeakScan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  LLAMA_HEADER.lastIndex = 0;
  for (let match = LLAMA_HEADER.exec(response); match; match = LLAMA_HEADER.exec(response)) {
    const at = match.index + match[0].length - match[1].length - 2;
    const role = match[1];
    if (role === 'ipython' || role === 'tool') {
      scan.multiTurn = true;
      // The environment's turn ends with the next assistant header, which is the template's.
      const next = /assistant\n\n/g;
      next.lastIndex = LLAMA_HEADER.lastIndex;
      if (!next.exec(response)) return scan;
      LLAMA_HEADER.lastIndex = next.lastIndex;
      continue;
    }
    if (role === 'assistant') scan.leaked++;
    else {
      scan.continued += [...response.slice(at).matchAll(/(?:^|[^A-Za-z])(?:user|assistant|system)\n\n/g)].length;
      if (scan.offset === -1) scan.offset = at;
      return scan;
    }
    if (scan.offset === -1) scan.offset = at;
  }
  return scan;
}

function nextOf(text: string, tokens: readonly string[], from: number): { at: number; token: string } | undefined {
  let best: { at: number; token: string } | undefined;
  for (const token of tokens) {
    const at = text.indexOf(token, from);
    if (at !== -1 && (!best || at < best.at)) best = { at, token };
  }
  return best;
}

/**
 * From token ids and a loss mask (ChatML ids): a turn opener the model was trained on is one it wrote; the
 * environment's turns are masked out. Undefined when the ids are not ChatML's or the mask does not align.
 */
function tokenLeaks(t: Trajectory, ids: TurnTokenIds): LeakScan | undefined {
  const { responseIds, lossMask } = t;
  if (!responseIds || !lossMask || !responseIds.some((id) => id === ids.start || id === ids.end)) return undefined;
  const offset = lossMask.length - responseIds.length;
  if (offset !== 0 && offset !== (t.promptIds?.length ?? -1)) return undefined;
  const scan: LeakScan = { leaked: 0, continued: 0, offset: -1, multiTurn: false };
  let trained = false;
  responseIds.forEach((id, i) => {
    const mask = lossMask[offset + i];
    if (mask === 1) trained = true;
    else if (trained) scan.multiTurn = true;
    if (id === ids.start && mask === 1) scan.leaked++;
  });
  if (scan.leaked) scan.offset = Math.max(0, t.response.indexOf('<|im_start|>'));
  return scan;
}

/**
 * The scan of a trajectory by the most exact means its dump allows: what a scripted policy served, then token masks,
 * then its model's turns, then text.
 */
export function leakScanOf(t: Trajectory, context: Pick<CheckContext, 'turnTokenIds' | 'served'>): LeakScan {
  const scan = dumpLeaks(t, context);
  return context.served ? servedLeaks(t, context.served, scan.multiTurn) : scan;
}

/**
 * With a scripted policy (`rollout run --policy`) the model's text is known: the answers served. A control token
 * inside one that the response kept (the leaked-headers case, not cut by a stop) is the model's leak for certain; any
 * other was written by the rollout code (a template, an environment's turn).
 */
function servedLeaks(t: Trajectory, served: readonly ServedAnswer[], multiTurn: boolean): LeakScan {
  const scan: LeakScan = { leaked: 0, continued: 0, offset: -1, multiTurn };
  for (const answer of served) {
    // Counted as in one model turn: its own closing end of turn is no leak, what follows it is.
    const own = hasControlToken(answer.text) ? scanLeaks(answer.text, { oneTurn: true }) : undefined;
    const at = own?.leaked ? t.response.indexOf(answer.text) : -1;
    if (at < 0) continue;
    scan.leaked += own!.leaked;
    if (scan.offset === -1) scan.offset = at + own!.offset;
  }
  return scan;
}

function dumpLeaks(t: Trajectory, context: Pick<CheckContext, 'turnTokenIds'>): LeakScan {
  const byTokens = tokenLeaks(t, context.turnTokenIds);
  if (byTokens) return byTokens;
  if (t.turns) {
    const scan: LeakScan = { leaked: 0, continued: 0, offset: -1, multiTurn: t.turns.length > 1 };
    let base = 0;
    for (const turn of t.turns) {
      const one = scanLeaks(turn, { oneTurn: true });
      if (one.leaked && scan.offset === -1) scan.offset = base + one.offset;
      scan.leaked += one.leaked;
      base += turn.length + 1;
    }
    return scan;
  }
  return scanLeaks(t.response, { llama: t.specialTokensStripped && t.prompt?.endsWith('assistant\n\n') });
}

interface LeakTally {
  total: number;
  leaking: number;
  /** Responses with more than one leaked token. */
  repeating: number;
  /** Responses (with no certain leak) that go on after an end of turn with no tool call. */
  continuing: number;
  continuingRepeats: number;
  /** Responses that hold an environment's turn for certain. */
  multiTurn: number;
  /** Responses decoded with skip_special_tokens: only residue shows. */
  stripped: number;
  examples: WorstExamples;
  continuingExamples: WorstExamples;
}

export const specialTokenLeak: RolloutCheck<LeakTally> = {
  meta: { id: 'special-token-leak', severity: 'error', threshold: 0 },
  empty: () => ({ total: 0, leaking: 0, repeating: 0, continuing: 0, continuingRepeats: 0, multiTurn: 0, stripped: 0, examples: [], continuingExamples: [] }),
  add(tally, t, context) {
    tally.total++;
    if (t.specialTokensStripped) tally.stripped++;
    const { leaked, continued, offset, multiTurn } = leakScanOf(t, context);
    if (multiTurn) tally.multiTurn++;
    if (leaked) {
      tally.leaking++;
      if (leaked + continued > 1) tally.repeating++;
      keepWorst(tally.examples, leaked + continued, () => ({
        source: t.source,
        detail: `${plural(leaked + continued, 'chat control token')} (or role lines) written by the model`,
        excerpt: excerpt(t.response, offset),
      }));
    } else if (continued) {
      tally.continuing++;
      if (continued > 1) tally.continuingRepeats++;
      keepWorst(tally.continuingExamples, continued, () => ({
        source: t.source,
        detail: `${plural(continued, 'chat control token')} (or role lines) written by the model after its end of turn`,
        excerpt: excerpt(t.response, offset),
      }));
    }
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.leaking += later.leaking;
    tally.repeating += later.repeating;
    tally.continuing += later.continuing;
    tally.continuingRepeats += later.continuingRepeats;
    tally.multiTurn += later.multiTurn;
    tally.stripped += later.stripped;
    mergeWorst(tally.examples, later.examples);
    mergeWorst(tally.continuingExamples, later.continuingExamples);
  },
  finish(tally) {
    const { total, stripped, multiTurn } = tally;
    // In a dump with no environment's turn anywhere, nothing but the model can have written the turns after its end
    // of turn. In a multi-turn dump they may be the environment's: those responses cannot be judged from text.
    const single = multiTurn === 0;
    const leaking = tally.leaking + (single ? tally.continuing : 0);
    const repeating = tally.repeating + (single ? tally.continuingRepeats : 0);
    const judged = single ? total : total - tally.continuing;
    const examples = [...tally.examples];
    if (single) mergeWorst(examples, tally.continuingExamples);
    const notes = [
      !single && tally.continuing
        ? `${plural(tally.continuing, 'response goes', 'responses go')} on after an end of turn that called no tool: in this multi-turn dump that may be the environment's turn (a search result, a simulated user), so they are not judged; a dump with loss masks or per-turn messages tells them apart`
        : '',
      stripped
        ? `${stripped === total ? 'the dump was' : `${stripped} of ${plural(total, 'response')} were`} decoded with skip_special_tokens, so only role-word residue is visible${stripped === total ? '' : ' in those'}: a dump with special tokens or token ids gives the full check`
        : '',
    ].filter(Boolean);
    const note = notes.length ? `; ${notes.join('; ')}` : '';
    const message = leaking
      ? `${fraction(leaking, judged, 'response')} contain chat control tokens, ${repeating} of them repeatedly${note}`
      : `no chat control token inside ${plural(judged, 'response')}${note}`;
    return {
      count: leaking,
      total: judged,
      message,
      examples: examplesOf(examples),
      metrics: { special_token_leak_rate: share(leaking, judged), special_token_repeat_rate: share(repeating, judged) },
    };
  },
};
