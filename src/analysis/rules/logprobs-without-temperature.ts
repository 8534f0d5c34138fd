import {
  calleeMethod, callsNamed, descendants, enclosing, enclosingScope, functionName, keywordArgument, positionalArguments,
  rangeOf, type PyNode, type PythonFile,
} from '../languages/python';
import { derivedNames, mentions, references } from '../languages/python-flow';
import {
  divisions, isInTestFunction, isLogProbName, LOG_PROBS_FROM_LOGITS, operatorOf, subjectName, unparenthesized,
} from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Helpers that compute the entropy of the distribution the logits define: the entropy bonus and its metrics. */
const ENTROPY_HELPERS = ['compute_entropy', 'entropy_from_logits', 'entropy_from_logits_with_chunking', 'vocab_parallel_entropy'];

/** `log_softmax` (method, `torch.`, `F.`) is a log-prob computation when its result is gathered at the labels. */
const LOG_SOFTMAX = ['log_softmax'];

/** Calls that read the log-prob of each label from a full distribution. */
const GATHERS = ['gather', 'take_along_dim', 'take_along_axis'];

/** Words of a temperature: `temperature`, `self.temp`, `sampling_temperature`, `tau`. */
const TEMPERATURE = /temp(?:erature)?s?\b|(?:^|_)tau\b/i;

/**
 * Text that shows a file takes part in on-policy RL, where the trainer's log-probs meet the sampler's in a ratio: old
 * log-probs, ratio clipping, importance sampling. DPO, SFT, distillation and A*PO-style regressions compare the policy
 * with a reference at temperature 1 by design: they have no sampler to match.
 */
const RL_CONTEXT = /\bold_\w*(?:log_?probs?|logps?)\b|\bclip_?range|\bclip_ratio|importance_sampling|\bppo\b/i;

/** Class names of an RL policy: where log-probs feed the importance ratio. */
const POLICY_CLASS = /actor|policy|ppo|grpo|rloo|reinforce/i;

const MESSAGE = (call: string, where: string) =>
  (ENTROPY_HELPERS.includes(call)
    ? `\`${call}\` computes the entropy of logits that are not divided by the sampling temperature ${where}: the ` +
      'rollout sampled from softmax(logits / T), so the entropy bonus and its metric describe another distribution ' +
      'than the policy that is trained and sampled. '
    : `\`${call}\` computes log-probs from logits that are not divided by the sampling temperature ${where}: the ` +
      'rollout sampled from softmax(logits / T), so the importance ratio and the KL compare two different ' +
      'distributions, and the ratio is off even on the first, exactly on-policy step. ') +
  'Divide the logits by the temperature first (`logits = logits / temperature`, or `logits.div_(temperature)`).';

const RAW_ENGINE_MESSAGE = (engine: string) =>
  `\`${engine}(...)\` is built without \`logprobs_mode\`: vLLM's V1 engine then returns raw log-probs, taken before ` +
  'temperature scaling (and top-k/top-p), while tokens are sampled from the processed distribution. Used as the ' +
  'behaviour policy in importance sampling, they are not the sampler\'s log-probs. Pass ' +
  '`logprobs_mode="processed_logprobs"`.';

const LOG_PROB_DIVISION_MESSAGE = (text: string) =>
  `\`${text}\` divides log-probs by the temperature: temperature scales logits before the softmax, and log-probs ` +
  'divided by T are not the log-probs of any distribution. Use the engine\'s processed log-probs (or recompute them ' +
  'from logits / T).';

function isLogitsName(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some((word) => word === 'logits' || word === 'logit');
}

/** The logits a log-prob computation reads: the helper's first argument, `x` in `x.log_softmax(-1)`, `F.log_softmax(x)`. */
function logitsOf(call: PyNode): PyNode | undefined {
  const method = calleeMethod(call);
  const callee = call.childForFieldName('function');
  if (method === 'log_softmax' && callee?.type === 'attribute') {
    const object = callee.childForFieldName('object')!;
    if (!['torch', 'F', 'nn.functional', 'torch.nn.functional', 'jax.nn', 'jnn'].includes(object.text)) return object;
  }
  return keywordArgument(call, 'logits') ?? positionalArguments(call)[0];
}

/** `log_softmax` whose result is gathered at labels in the same statement or through one name. */
function isGatheredLogSoftmax(call: PyNode): boolean {
  for (let p = call.parent; p && !/statement|^block$|^module$/.test(p.type); p = p.parent) {
    if (p.type === 'call' && GATHERS.includes(calleeMethod(p))) return true;
  }
  const assignment = enclosing(call, 'assignment');
  const target = assignment?.childForFieldName('left');
  if (!assignment || !target || target.type !== 'identifier') return false;
  const scope = enclosingScope(call);
  return callsNamed(scope, ...GATHERS).some((gather) => gather.startIndex > assignment.endIndex && mentions(gather, new Set([target.text])));
}

/** The per-token log-prob computations of a file, with the logits each reads. */
function logProbComputations(root: PyNode): { call: PyNode; logits: PyNode }[] {
  const found: { call: PyNode; logits: PyNode }[] = [];
  for (const call of callsNamed(root, ...LOG_PROBS_FROM_LOGITS, ...ENTROPY_HELPERS, ...LOG_SOFTMAX)) {
    if (LOG_SOFTMAX.includes(calleeMethod(call)) && !isGatheredLogSoftmax(call)) continue;
    const logits = logitsOf(call);
    if (logits && !isInTestFunction(call)) found.push({ call, logits });
  }
  return found;
}

/** A temperature passed along: `temperature=...`, a temperature-named argument, or `**kwargs` of a caller. */
function passesTemperature(call: PyNode): boolean {
  const args = call.childForFieldName('arguments');
  return args !== null && TEMPERATURE.test(args.text);
}

/**
 * The logits are divided by a temperature in their function before the log-probs: `logits / T`, `logits /= T`,
 * `logits.div_(T)`, `torch.div(logits, T)`, or a call that takes the logits and a temperature (`scale(logits, T)`).
 */
function isTempered(scope: PyNode, call: PyNode, logits: PyNode): boolean {
  if (TEMPERATURE.test(logits.text)) return true;
  const names = new Set(references(logits).map((r) => r.name));
  const holders = derivedNames(scope, names);
  const before = (node: PyNode) => node.startIndex < call.startIndex || enclosing(node, 'for_statement', 'while_statement') !== undefined;
  for (const node of descendants(scope, 'binary_operator', 'augmented_assignment')) {
    const operator = operatorOf(node);
    if ((operator === '/' || operator === '/=') && before(node) && TEMPERATURE.test(node.childForFieldName('right')!.text)) return true;
  }
  return descendants(scope, 'call').some((c) => before(c) && c.id !== call.id && passesTemperature(c) &&
    (mentions(c, holders) || /div/.test(calleeMethod(c))));
}

/**
 * The expressions that produce the logits by a forward pass in this function (`model(...).logits`,
 * `output["logits"]`, `self.lm_head(h)`), in the logits themselves or in their assignment.
 */
function forwardOrigins(scope: PyNode, logits: PyNode): PyNode[] {
  const isForward = (node: PyNode) =>
    descendants(node, 'attribute', 'subscript').some((n) =>
      (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'logits') ||
      (n.type === 'subscript' && /^["']logits["']$/.test(n.childForFieldName('subscript')?.text ?? ''))) ||
    descendants(node, 'call').some((c) => /model|forward|lm_head|module/i.test(c.childForFieldName('function')?.text ?? ''));
  if (isForward(logits)) return [logits];
  const names = new Set(references(logits).map((r) => r.name));
  return descendants(scope, 'assignment').flatMap((assignment) => {
    const right = assignment.childForFieldName('right');
    const assigns = [...names].some((name) => assignment.childForFieldName('left')!.text.split(/\s*,\s*/).includes(name));
    return right !== null && assignment.startIndex < logits.startIndex && assigns && isForward(right) ? [right] : [];
  });
}

/** A forward helper of this file that scales its logits itself (`def _forward_logits(...): ... return logits / T`). */
function temperedByHelper(file: PythonFile, origins: PyNode[]): boolean {
  const helpers = new Set(origins.flatMap((origin) => descendants(origin, 'call').map(calleeMethod)));
  return descendants(file.root, 'function_definition').some((fn) =>
    helpers.has(functionName(fn)) && TEMPERATURE.test(fn.childForFieldName('body')?.text ?? ''));
}

/** The class a node is in, and whether its name is an RL policy's. */
function inPolicyClass(node: PyNode): boolean {
  const cls = enclosing(node, 'class_definition');
  return cls !== undefined && POLICY_CLASS.test(functionName(cls));
}

function untemperedLogProbs(file: PythonFile): RuleReport[] {
  const fileHasTemperature = /temperature/i.test(file.source);
  const fileIsRl = RL_CONTEXT.test(file.source);
  const reports: RuleReport[] = [];
  for (const { call, logits } of logProbComputations(file.root)) {
    if (!isLogitsName(subjectName(logits)) && !isLogitsName(logits.text.split(/[[(]/)[0])) continue;
    const inPolicy = inPolicyClass(call);
    if (!fileIsRl && !inPolicy) continue;
    const scope = enclosingScope(call);
    if (passesTemperature(call) || isTempered(scope, call, logits)) continue;
    if (fileHasTemperature) {
      // The file knows the temperature (it samples, or reads it from a config): flag the log-probs of a forward pass.
      const origins = forwardOrigins(scope, logits);
      if (origins.length === 0 || temperedByHelper(file, origins)) continue;
      reports.push({ ...rangeOf(call), message: MESSAGE(calleeMethod(call), 'although the file has the temperature') });
    } else if (inPolicy) {
      // No temperature anywhere: a policy's log-probs for the PPO ratio are computed at temperature 1.
      reports.push({ ...rangeOf(call), message: MESSAGE(calleeMethod(call), 'anywhere in this policy (the file never reads the rollout temperature)') });
    }
  }
  return reports;
}

/** `old_logprobs = vllm_logprobs / temperature`: log-probs divided as if they were logits. */
function dividedLogProbs(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const { node, numerator, divisor } of divisions(file.root)) {
    if (!TEMPERATURE.test(subjectName(unparenthesized(divisor)) ?? '')) continue;
    if (isLogProbName(subjectName(numerator)) && !isLogitsName(subjectName(numerator)) && !isInTestFunction(node)) {
      reports.push({ ...rangeOf(node), message: LOG_PROB_DIVISION_MESSAGE(node.text) });
    }
  }
  return reports;
}

/** vLLM engine constructors whose `logprobs_mode` decides what log-probs come back. */
const VLLM_ENGINES = ['LLM', 'EngineArgs', 'AsyncEngineArgs'];

/**
 * A vLLM engine built without `logprobs_mode` in an RL trainer that asks it for log-probs and corrects with them
 * (importance sampling against the engine's log-probs, or the engine's log-probs as the old ones).
 */
function rawEngineLogProbs(file: PythonFile): RuleReport[] {
  if (!/importance_sampling|\bold_\w*(?:log_?probs?|logps?)\b/i.test(file.source) || !/\blogprobs\b["']?\s*[=:]/.test(file.source)) return [];
  return callsNamed(file.root, ...VLLM_ENGINES)
    .filter((call) => /^(?:vllm\.)?(?:LLM|EngineArgs|AsyncEngineArgs)$/.test(call.childForFieldName('function')?.text ?? '') &&
      !keywordArgument(call, 'logprobs_mode') && !call.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'dictionary_splat') &&
      !isInTestFunction(call))
    .map((call) => ({ ...rangeOf(call), message: RAW_ENGINE_MESSAGE(calleeMethod(call)) }));
}

function checkPython(file: PythonFile): RuleReport[] {
  return [...untemperedLogProbs(file), ...dividedLogProbs(file), ...rawEngineLogProbs(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}

export const logprobsWithoutTemperature: Rule = {
  meta: {
    code: 'RL201',
    name: 'logprobs-without-temperature',
    severity: 'warning',
    summary: 'Per-token log-probs are computed from logits not divided by the sampling temperature (or log-probs are divided by it).',
  },
  // Every finding is a call of LOG_PROBS_FROM_LOGITS, ENTROPY_HELPERS or `log_softmax` in RL code (RL_CONTEXT) or a policy
  // class (POLICY_CLASS); a division of a log-prob name by a temperature; or a vLLM engine (VLLM_ENGINES) in a file
  // that corrects with importance sampling or old log-probs.
  triggers: [
    // Cheap and necessary: every alternative below names a log-prob helper, divides log-probs, or builds an engine.
    /log_softmax|log_?probs_(?:from|of)_|gather_log_probs|entropy_from_logits|compute_entropy|vocab_parallel_entropy|(?:log_?probs?|logps?)[\w"'\]]*\s*\/|\b(?:LLM|EngineArgs|AsyncEngineArgs)\s*\(/i,
    /^(?=[\s\S]*(?:log_softmax|log_?probs_(?:from|of)_\w+|gather_log_probs|entropy_from_logits\w*|compute_entropy|vocab_parallel_entropy)\s*\()(?=[\s\S]*(?:\bold_\w*(?:log_?probs?|logps?)\b|\bclip_?range|\bclip_ratio|importance_sampling|\bppo\b|class\s+\w*(?:actor|policy|ppo|grpo|rloo|reinforce)))|(?:log_?probs?|logps?)[\w"'\]]*\s*\/=?\s*[\w.]*(?:temp|tau)|^(?=[\s\S]*\b(?:LLM|EngineArgs|AsyncEngineArgs)\s*\()(?=[\s\S]*(?:importance_sampling|\bold_\w*(?:log_?probs?|logps?)\b))/i,
  ],
  python: checkPython,
};
