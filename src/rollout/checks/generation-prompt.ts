import {
  ROLE_RESIDUE_LINE,
  STRIPPED_ASSISTANT_HEADER,
  STRIPPED_DOUBLED_HEADER,
  STRIPPED_HEADER_START,
  templateFamilyOf,
  withoutThinkPrefill,
} from '../chat-template';
import { examplesOf, excerpt, keepWorst, mergeWorst, tail, type WorstExamples } from '../stats';
import type { Trajectory } from '../trajectory';
import { fraction, plural, share, type RolloutCheck } from './check';

type Problem = 'missing' | 'doubled' | 'model-writes-header';

/** How much of a prompt's end an example quotes, escaped so the final `\n` shows. */
const QUOTED_END_CHARS = 24;

function detail(problem: Problem, prompt: string): string {
  switch (problem) {
    case 'missing':
      return `the prompt ends with ${JSON.stringify(prompt.slice(-QUOTED_END_CHARS))}, not the assistant header: the model has to write it`;
    case 'doubled':
      return 'the prompt ends with the assistant header twice';
    case 'model-writes-header':
      return 'the response starts with a role header: the model is writing the template';
  }
}

/** The problem with one trajectory's prompt, or `undefined` when it is right; `null` when the prompt says nothing. */
export function generationPromptProblem(t: Trajectory, assistantHeader?: string): Problem | undefined | null {
  if (t.prompt === undefined) return null;
  const prompt = withoutThinkPrefill(t.prompt);
  const header = assistantHeader ?? templateFamilyOf(t.prompt)?.assistantHeader;
  if (header) {
    if (prompt.endsWith(header + header)) return 'doubled';
    if (!prompt.endsWith(header)) return 'missing';
    // The header's leading control token (`<|im_start|>`) opens any turn: a response starting with it is writing one.
    const turnOpener = header.match(/^<[^<>]+>/)?.[0] ?? header;
    return t.response.trimStart().startsWith(turnOpener) ? 'model-writes-header' : undefined;
  }
  // Decoded with skip_special_tokens: judge by the residue, when the prompt was templated at all.
  if (!ROLE_RESIDUE_LINE.test(t.prompt)) return null;
  if (STRIPPED_DOUBLED_HEADER.test(prompt)) return 'doubled';
  if (!STRIPPED_ASSISTANT_HEADER.test(prompt)) return 'missing';
  return STRIPPED_HEADER_START.test(t.response) ? 'model-writes-header' : undefined;
}

/** `checked` counts the prompts that show a chat template. */
interface GenerationPromptTally {
  checked: number;
  failing: number;
  /** Prompts judged from role words, decoded with skip_special_tokens. */
  stripped: number;
  byProblem: Record<Problem, number>;
  examples: WorstExamples;
}

export const generationPrompt: RolloutCheck<GenerationPromptTally> = {
  meta: { id: 'generation-prompt', severity: 'error', threshold: 0 },
  empty: () => ({ checked: 0, failing: 0, stripped: 0, byProblem: { missing: 0, doubled: 0, 'model-writes-header': 0 }, examples: [] }),
  add(tally, t, context) {
    const problem = generationPromptProblem(t, context.assistantHeader);
    if (problem === null) return;
    tally.checked++;
    if (t.specialTokensStripped) tally.stripped++;
    if (!problem) return;
    tally.failing++;
    tally.byProblem[problem]++;
    keepWorst(tally.examples, problem === 'missing' ? 2 : 1, () => ({
      source: t.source,
      detail: detail(problem, t.prompt ?? ''),
      excerpt: problem === 'model-writes-header' ? excerpt(t.response) : tail(t.prompt ?? ''),
    }));
  },
  merge(tally, later) {
    tally.checked += later.checked;
    tally.failing += later.failing;
    tally.stripped += later.stripped;
    for (const problem of Object.keys(tally.byProblem) as Problem[]) tally.byProblem[problem] += later.byProblem[problem];
    mergeWorst(tally.examples, later.examples);
  },
  finish({ checked, failing, stripped, byProblem, examples }) {
    const parts = [
      byProblem.missing && `${plural(byProblem.missing, 'prompt')} without the assistant header`,
      byProblem.doubled && `${plural(byProblem.doubled, 'prompt')} with the header twice`,
      byProblem['model-writes-header'] && `${plural(byProblem['model-writes-header'], 'response')} starting with a role header`,
    ].filter(Boolean);
    const residue = !stripped
      ? ''
      : stripped === checked
        ? ' (judged from role words: the dump was decoded with skip_special_tokens)'
        : ` (${stripped} of them judged from role words: decoded with skip_special_tokens)`;
    const message = !checked
      ? 'no prompt shows a chat template (plain-text prompts, or only messages): cannot tell'
      : failing
        ? `${fraction(failing, checked, 'trajectory', 'trajectories')} fail: ${parts.join(', ')}${residue}`
        : `all ${checked} prompts end with the assistant header${residue}`;
    return {
      count: failing,
      total: checked,
      message,
      examples: examplesOf(examples),
      metrics: { generation_prompt_failure_rate: share(failing, checked) },
    };
  },
};
