import type { Severity } from '../findings';
import { fraction, plural, statusOf, type PolicyCheckId } from '../rollout/checks/check';
import type { CheckResult } from '../rollout/report';
import { tail } from '../rollout/stats';
import type { RecordedRequest } from './recording';
import type { LoggedTraceback } from './tracebacks';

/**
 * Checks that only serving the policy makes possible: what the rollout code sends the engine, read from the policy
 * server's recording, and what it logged. Each is a warning unless the config says otherwise: the engine's own
 * defaults (a generation config's stop ids) may cover for what a request leaves out.
 */

export interface PolicyCheckContext {
  /** What `add_generation_prompt=True` appends: the end every text prompt must have. */
  assistantHeader: string;
  /** The template's end-of-turn token, as text and as an id when known. */
  endOfTurn: { text: string; id?: number };
  /** Where the recording is, for the examples' sources. */
  recording: string;
  /** What the command logged to stderr while it ran. */
  tracebacks: readonly LoggedTraceback[];
  /** A check's severity and threshold from the config (`rollout.checks`); `off` leaves it out. */
  settings?: (id: PolicyCheckId) => { severity?: Severity | 'off'; threshold?: number } | undefined;
}

const EXAMPLES = 3;

/** Each check with the severity it ran with. */
export function policyChecks(requests: readonly RecordedRequest[], context: PolicyCheckContext): { check: CheckResult; severity: Severity }[] {
  const checks = {
    'prompt-generation-header': promptGenerationHeader,
    'stop-sequences': stopSequences,
    'sampling-params': samplingParams,
    'environment-crash': environmentCrash,
  } satisfies Record<PolicyCheckId, unknown>;
  return Object.entries(checks).flatMap(([id, run]) => {
    const settings = context.settings?.(id as PolicyCheckId);
    const severity = settings?.severity ?? 'warning';
    if (severity === 'off') return [];
    const found = run(requests, context);
    const threshold = settings?.threshold ?? 0;
    const check: CheckResult = { ...found, id: id as PolicyCheckId, status: statusOf(found, severity, threshold), threshold, examples: found.examples.slice(0, EXAMPLES) };
    return [{ check, severity }];
  });
}

type Found = Pick<CheckResult, 'count' | 'total' | 'message' | 'examples'>;

/** Text prompts sent to /v1/completions must end with the generation prompt, or the policy writes the header itself. */
function promptGenerationHeader(requests: readonly RecordedRequest[], context: PolicyCheckContext): Found {
  const prompts = requests.flatMap((r) => (r.prompts ?? []).map((prompt) => ({ request: r.request, prompt })));
  const missing = prompts.filter(({ prompt }) => !prompt.endsWith(context.assistantHeader));
  const header = JSON.stringify(context.assistantHeader);
  const message = !prompts.length
    ? 'no text prompt was sent to /v1/completions (chat requests are templated by the engine): cannot tell'
    : missing.length
      ? `${fraction(missing.length, prompts.length, 'text prompt')} sent to /v1/completions do not end with the generation prompt ${header}`
      : `every text prompt sent to /v1/completions ends with ${header}`;
  const examples = missing.map(({ request, prompt }) => ({ source: `${context.recording}:${request}`, detail: `the prompt ends without ${header}`, excerpt: tail(prompt) }));
  return { count: missing.length, total: prompts.length, message, examples };
}

/** A request that stops neither on the end-of-turn string nor on its id leaves the end of a turn to the engine's defaults. */
function stopSequences(requests: readonly RecordedRequest[], context: PolicyCheckContext): Found {
  const { text, id } = context.endOfTurn;
  const unstopped = requests.filter((r) => !r.sampling.stop.some((stop) => stop.includes(text)) && (id === undefined || !r.sampling.stop_token_ids.includes(id)));
  const what = `${JSON.stringify(text)}${id === undefined ? '' : ` (id ${id})`}`;
  const message = !requests.length
    ? 'the policy got no request: cannot tell'
    : unstopped.length
      ? `${fraction(unstopped.length, requests.length, 'request')} set no stop on ${what}, neither in stop nor in stop_token_ids: the turn ends only where the engine's default stop ids say`
      : `every request stops on ${what}`;
  const examples = unstopped.map((r) => ({
    source: `${context.recording}:${r.request}`,
    detail: `${r.endpoint} with stop ${JSON.stringify(r.sampling.stop)} and stop_token_ids ${JSON.stringify(r.sampling.stop_token_ids)}`,
    excerpt: r.answers[0]?.text ?? '',
  }));
  return { count: unstopped.length, total: requests.length, message, examples };
}

/** One run samples with one temperature and top-p, and leaves room for a correct answer. */
function samplingParams(requests: readonly RecordedRequest[], context: PolicyCheckContext): Found {
  const [first] = requests;
  const differs = (r: RecordedRequest) => r.sampling.temperature !== first.sampling.temperature || r.sampling.top_p !== first.sampling.top_p;
  const cut = (r: RecordedRequest) => r.answers.some((a) => a.case === 'correct' && a.finish_reason === 'length');
  const failing = requests.filter((r) => differs(r) || cut(r));
  const parts = [
    requests.some(differs) ? `another temperature or top_p than the first request's (${first.sampling.temperature ?? 'default'}, ${first.sampling.top_p ?? 'default'}) in ${plural(requests.filter(differs).length, 'request')}` : '',
    requests.some(cut) ? `a correct answer cut at max_tokens in ${plural(requests.filter(cut).length, 'request')}` : '',
  ].filter(Boolean);
  const message = !requests.length
    ? 'the policy got no request: cannot tell'
    : failing.length
      ? `${fraction(failing.length, requests.length, 'request')} sample inconsistently: ${parts.join('; ')}`
      : `every request samples with temperature ${first.sampling.temperature ?? 'default'} and top_p ${first.sampling.top_p ?? 'default'}, with room for a correct answer`;
  const examples = failing.map((r) => ({
    source: `${context.recording}:${r.request}`,
    detail: `temperature ${r.sampling.temperature ?? 'default'}, top_p ${r.sampling.top_p ?? 'default'}, max_tokens ${r.sampling.max_tokens}`,
    excerpt: r.answers[0]?.text ?? '',
  }));
  return { count: failing.length, total: requests.length, message, examples };
}

/**
 * A traceback the command logged right after the policy answered: the environment (a tool, a parser, the reward) raised
 * on what the policy wrote. Each is put on the last answer sent before it; with requests in flight at once, that is the
 * likeliest cause, not a certain one.
 */
function environmentCrash(requests: readonly RecordedRequest[], context: PolicyCheckContext): Found {
  const timed = requests.filter((r) => r.time !== undefined).map((r) => ({ request: r, at: r.time! }));
  const crashes = context.tracebacks.flatMap((traceback) => {
    const last = timed.filter(({ at }) => at <= traceback.time).pop();
    return last ? [{ traceback, after: last.request, delay: traceback.time - last.at }] : [];
  });
  const casesOf = (r: RecordedRequest) => r.answers.map((a) => a.case).join(' + ');
  const followed = new Set(crashes.map((c) => c.after.request)).size;
  const counts: Record<string, number> = {};
  for (const { after } of crashes) counts[casesOf(after)] = (counts[casesOf(after)] ?? 0) + 1;
  const byCase = Object.entries(counts).map(([kinds, n]) => `${kinds} ${n}`).join(', ');
  const message = !requests.length
    ? 'the policy got no request: cannot tell'
    : followed
      ? `the command logged ${plural(crashes.length, 'traceback')} right after ${fraction(followed, requests.length, 'answered request')}; the answers before them: ${byCase}`
      : `no traceback after any of the ${plural(requests.length, 'answered request')}`;
  const examples = crashes.map(({ traceback, after, delay }) => ({
    source: `${context.recording}:${after.request}`,
    detail: `${traceback.exception || 'a traceback'}, ${(delay / 1000).toFixed(1)} s after ${casesOf(after)}`,
    excerpt: after.answers[0]?.text ?? '',
  }));
  return { count: followed, total: requests.length, message, examples };
}
