import { fraction, plural, statusOf, type PolicyCheckId } from '../rollout/checks/check';
import type { CheckResult } from '../rollout/report';
import { tail, type Example } from '../rollout/stats';

/**
 * Checks that only serving the policy makes possible: what the rollout code sends the engine, read from the policy
 * server's recording. Each is a warning: the engine's own defaults (a generation config's stop ids) may cover for
 * what a request leaves out.
 */

/** One line of the recording (src/policy/server.ts). */
export interface RecordedRequest {
  request: number;
  endpoint: string;
  prompts?: string[];
  sampling: { n: number; max_tokens: number; temperature?: number; top_p?: number; stop: string[]; stop_token_ids: number[] };
  answers: { case: string; text: string; finish_reason: string }[];
}

export interface PolicyCheckContext {
  /** What `add_generation_prompt=True` appends: the end every text prompt must have. */
  assistantHeader: string;
  /** The template's end-of-turn token, as text and as an id when known. */
  endOfTurn: { text: string; id?: number };
  /** Where the recording is, for the examples' sources. */
  recording: string;
}

const EXAMPLES = 3;

export function policyChecks(requests: readonly RecordedRequest[], context: PolicyCheckContext): CheckResult[] {
  return [promptGenerationHeader(requests, context), stopSequences(requests, context), samplingParams(requests, context)];
}

function result(id: PolicyCheckId, count: number, total: number, message: string, examples: Example[]): CheckResult {
  return { id, status: statusOf({ count, total }, 'warning', 0), count, total, threshold: 0, message, examples: examples.slice(0, EXAMPLES) };
}

/** Text prompts sent to /v1/completions must end with the generation prompt, or the policy writes the header itself. */
function promptGenerationHeader(requests: readonly RecordedRequest[], context: PolicyCheckContext): CheckResult {
  const prompts = requests.flatMap((r) => (r.prompts ?? []).map((prompt) => ({ request: r.request, prompt })));
  const missing = prompts.filter(({ prompt }) => !prompt.endsWith(context.assistantHeader));
  const header = JSON.stringify(context.assistantHeader);
  const message = !prompts.length
    ? 'no text prompt was sent to /v1/completions (chat requests are templated by the engine): cannot tell'
    : missing.length
      ? `${fraction(missing.length, prompts.length, 'text prompt')} sent to /v1/completions do not end with the generation prompt ${header}`
      : `every text prompt sent to /v1/completions ends with ${header}`;
  const examples = missing.map(({ request, prompt }) => ({ source: `${context.recording}:${request}`, detail: `the prompt ends without ${header}`, excerpt: tail(prompt) }));
  return result('prompt-generation-header', missing.length, prompts.length, message, examples);
}

/** A request that stops neither on the end-of-turn string nor on its id leaves the end of a turn to the engine's defaults. */
function stopSequences(requests: readonly RecordedRequest[], context: PolicyCheckContext): CheckResult {
  const { text, id } = context.endOfTurn;
  const unstopped = requests.filter((r) => !r.sampling.stop.some((stop) => stop.includes(text)) && (id === undefined || !r.sampling.stop_token_ids.includes(id)));
  const what = `${JSON.stringify(text)}${id === undefined ? '' : ` (id ${id})`}`;
  const message = unstopped.length
    ? `${fraction(unstopped.length, requests.length, 'request')} set no stop on ${what}, neither in stop nor in stop_token_ids: the turn ends only where the engine's default stop ids say`
    : `every request stops on ${what}`;
  const examples = unstopped.map((r) => ({
    source: `${context.recording}:${r.request}`,
    detail: `${r.endpoint} with stop ${JSON.stringify(r.sampling.stop)} and stop_token_ids ${JSON.stringify(r.sampling.stop_token_ids)}`,
    excerpt: r.answers[0]?.text ?? '',
  }));
  return result('stop-sequences', unstopped.length, requests.length, message, examples);
}

/** One run samples with one temperature and top-p, and leaves room for a correct answer. */
function samplingParams(requests: readonly RecordedRequest[], context: PolicyCheckContext): CheckResult {
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
  return result('sampling-params', failing.length, requests.length, message, examples);
}
