import { callsNamed, functionName, positionalArguments, rangeOf, type PyNode, type PythonFile } from '../languages/python';
import { divisions, isInTestFunction, unparenthesized } from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** A sampling temperature by name: `temperature`, `self.rollout_temperature`, `args.temp`. */
const TEMPERATURE = /(?:^|[._])(?:\w*_)?temp(?:erature)?$/i;

/** Words of the code that computes a critic's values or a reward model's scores. */
const VALUE_WORDS = new Set(['value', 'values', 'critic', 'vpreds', 'vpred', 'reward', 'rewards', 'rm', 'score', 'scores']);

/** Words of the policy's own code, where the division is right even inside a critic file (`compute_log_prob`). */
const POLICY_WORDS = new Set(['logprob', 'logprobs', 'logps', 'log', 'policy', 'actor', 'entropy', 'sample', 'sampling', 'generate']);

const MESSAGE = (text: string, owner: string) =>
  `\`${text}\` divides by the sampling temperature in \`${owner}\`, which computes values or reward scores: the ` +
  'temperature belongs to the policy\'s softmax, and a value head or a reward model\'s output divided by it is ' +
  'just rescaled (a critic at T = 0.7 predicts returns 1.4 times too large, and its advantages with it). Divide only ' +
  'the policy\'s logits.';

/** The innermost function or class whose name reads as a critic's or a reward model's, with none named for the policy. */
function valueOwner(node: PyNode): string | undefined {
  let owner: string | undefined;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'function_definition' && p.type !== 'class_definition') continue;
    const words = nameWords(functionName(p));
    if (words.some((w) => POLICY_WORDS.has(w))) return undefined;
    if (!owner && words.some((w) => VALUE_WORDS.has(w))) owner = functionName(p);
  }
  return owner;
}

/** `values / temperature`, `values /= self.temperature`, `values.div_(temperature)` in a critic's or reward model's code. */
function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  const divisionCalls = callsNamed(file.root, 'div', 'div_').flatMap((node) => {
    const divisor = positionalArguments(node)[0];
    return divisor ? [{ node, divisor }] : [];
  });
  for (const { node, divisor } of [...divisions(file.root), ...divisionCalls]) {
    if (!TEMPERATURE.test(unparenthesized(divisor).text) || isInTestFunction(node)) continue;
    const owner = valueOwner(node);
    if (owner) reports.push({ ...rangeOf(node), message: MESSAGE(node.text.length > 60 ? `... / ${divisor.text}` : node.text, owner) });
  }
  return reports.sort((a, b) => a.line - b.line || a.column - b.column);
}

export const temperedValueHead: Rule = {
  meta: {
    code: 'RL209',
    name: 'tempered-value-head',
    severity: 'warning',
    summary: 'A critic\'s values or a reward model\'s scores are divided by the sampling temperature.',
  },
  // Every finding divides (`/`, `/=`, `div(`, `div_(`) by a name ending in `temp` or `temperature`.
  triggers: [/(?:\/=?|\bdiv_?\s*\()\s*[\w.]*temp(?:erature)?\b/i],
  python: checkPython,
};
