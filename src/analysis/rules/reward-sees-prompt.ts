import {
  calleeMethod, callsNamed, descendants, enclosingScope, functionName, isInTestCode, parametersOf, positionalArguments,
  rangeOf, stringValue, type PyNode, type PythonFile,
} from '../languages/python';
import { derivedNames, mentions, receivingNames } from '../languages/python-flow';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Reward functions, scorers, verifiers and judges: `compute_score`, `reward_fn`, `verify`, `judge`. */
const REWARD_CALL = /reward|score|verif|judge|grade/i;

/** Parameters that take the model's answer alone: `solution_str`, `response`, `completions`, `prediction`. */
const RESPONSE_PARAMETER = /^(?:solution(?:_str)?|responses?(?:_str|_text)?|completions?(?:_str|_text)?|predictions?|preds?|outputs?(?:_str|_text)?|generations?|generated_text)$/;

const PROMPT_WORDS = new Set(['prompt', 'prompts', 'query', 'queries', 'input', 'inputs', 'question', 'context']);
const RESPONSE_WORDS = new Set(['response', 'responses', 'completion', 'completions', 'output', 'outputs', 'generated', 'answer']);

const MESSAGE = (argument: string) => `The reward function gets the whole sequence, prompt and response, where it expects ` +
  `the response (\`${argument}\`): a format or keyword reward can be satisfied by the prompt's own text (its ` +
  'instructions, its examples, a tag it mentions), so every sample is paid. Decode and pass the response ids alone.';

/** The words of the names and string keys an expression reads; of a subscript, those of what it indexes (not `[:, prompt_len:]`). */
function wordsOf(node: PyNode): string[] {
  if (node.type === 'subscript') {
    const key = stringValue(node.childForFieldName('subscript'));
    return [...wordsOf(node.childForFieldName('value')!), ...(key ? nameWords(key) : [])];
  }
  const keys = descendants(node, 'string').map((s) => stringValue(s) ?? '');
  return [...keys, ...descendants(node, 'identifier').map((i) => i.text)].flatMap(nameWords);
}

/**
 * Ids of a whole sequence: prompt ids and response ids joined (`torch.cat((prompt_ids, response_ids))`,
 * `prompt_ids + response_ids`), or one name for both (`query_responses`, `prompt_completion_ids`).
 */
function isWholeSequence(node: PyNode): boolean {
  const parts = node.type === 'call' && ['cat', 'concat', 'concatenate', 'hstack'].includes(calleeMethod(node))
    ? (positionalArguments(node)[0]?.namedChildren ?? []).filter((n): n is PyNode => n !== null)
    : node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+'
      ? [node.childForFieldName('left')!, node.childForFieldName('right')!]
      : [];
  if (parts.length >= 2) {
    const words = parts.map(wordsOf);
    return words.some((w) => w.some((x) => PROMPT_WORDS.has(x))) && words.some((w) => w.some((x) => RESPONSE_WORDS.has(x)));
  }
  // A slice with bounds (`prompt_completion_ids[:, prompt_len:]`) is a part of the sequence, the completion usually.
  if (node.type === 'subscript' && node.childrenForFieldName('subscript').some((i) => i.type === 'slice' && i.namedChildCount > 0)) return false;
  const words = wordsOf(node);
  return words.some((w) => PROMPT_WORDS.has(w) && w !== 'input' && w !== 'inputs') && words.some((w) => RESPONSE_WORDS.has(w)) &&
    (node.type === 'identifier' || node.type === 'attribute' || node.type === 'subscript');
}

/** The parameter names of the functions defined in the file, by function name, for positional arguments. */
function parametersByFunction(root: PyNode): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const fn of descendants(root, 'function_definition')) {
    byName.set(functionName(fn), parametersOf(fn).map((p) => p.name).filter((n) => n !== 'self' && n !== 'cls'));
  }
  return byName;
}

function checkPython(file: PythonFile): RuleReport[] {
  const parameters = parametersByFunction(file.root);
  const reports: RuleReport[] = [];
  for (const decode of callsNamed(file.root, 'decode', 'batch_decode')) {
    const [ids] = positionalArguments(decode);
    if (!ids || isInTestCode(decode)) continue;
    const scope = enclosingScope(decode);
    // The ids: a whole sequence there, or a name that holds one (`sequences = torch.cat((prompt, response))`).
    const whole = isWholeSequence(ids) || descendants(scope, 'assignment').some((a) => a.endIndex <= decode.startIndex &&
      mentions(ids, new Set([a.childForFieldName('left')?.text ?? ''])) && isWholeSequence(a.childForFieldName('right')!));
    if (!whole) continue;
    const texts = derivedNames(scope, receivingNames(decode), { after: decode });
    const carries = (node: PyNode) => (node.startIndex <= decode.startIndex && decode.endIndex <= node.endIndex) || mentions(node, texts);
    for (const call of descendants(scope, 'call')) {
      if (!REWARD_CALL.test(calleeMethod(call)) || call.startIndex < decode.startIndex) continue;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const positional = positionalArguments(call);
      const names = parameters.get(calleeMethod(call)) ?? [];
      for (const arg of args) {
        if (!arg) continue;
        const keyword = arg.type === 'keyword_argument' ? arg.childForFieldName('name')!.text : names[positional.findIndex((p) => p.id === arg.id)];
        const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value')! : arg;
        if (keyword && RESPONSE_PARAMETER.test(keyword) && carries(value)) reports.push({ ...rangeOf(arg), message: MESSAGE(keyword) });
      }
    }
  }
  return reports;
}

export const rewardSeesPrompt: Rule = {
  meta: {
    code: 'RL402',
    name: 'reward-sees-prompt',
    severity: 'warning',
    summary: 'A reward function or verifier is given the decoded prompt + response where it expects the response alone.',
  },
  // Every finding decodes (`decode(`, `batch_decode(`) ids of a whole sequence (joined by a `cat(`-style call or `+`, or
  // one name for prompt and response) and passes the text to a REWARD_CALL.
  triggers: [
    /decode\s*\(/,
    /reward|score|verif|judge|grade/i,
    /\b(?:cat|concat|concatenate|hstack)\s*\(|(?:prompt|query|question|context)\w*(?:response|completion|output|generated|answer)|(?:prompt|query|question|context)\w*\s*\+|\+\s*\w*(?:response|completion|output|generated)/i,
  ],
  python: checkPython,
};
