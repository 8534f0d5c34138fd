import {
  calleeMethod, calleeName, callsNamed, descendants, enclosing, enclosingScope, functionName, keywordArgument,
  positionalArguments, rangeOf, splatArguments, type PyNode, type PythonFile,
} from '../languages/python';
import { derivedNames, mentions, receivingNames, targetNames } from '../languages/python-flow';
import { isInTestFunction, isLogProbName, LOG_PROBS_FROM_LOGITS, unparenthesized } from '../languages/python-tensors';
import type { Rule, RuleReport } from '../rule';

/** Calls that compute per-token log-probs from logits (see RL201), and `log_softmax`. */
const LOG_PROB_CALLS = [...LOG_PROBS_FROM_LOGITS, 'log_softmax'];

/** Methods that recompute the sampler's log-probs or the critic's values on rollouts (verl, OpenRLHF, ROLL). */
const RECOMPUTE_METHOD = /^(?:compute_(?:ref_|old_)?log_?probs?|compute_values|compute_old_log_probs?)$/;

const NO_MASK_MESSAGE = (call: string) =>
  `\`${call}\` runs the model over padded sequences without \`attention_mask\`: left-padded prompts shift every ` +
  'position, and the pad tokens are attended to, so the log-probs differ from the ones the sampler computed (which ' +
  'never saw the padding) and the importance ratio is off from the first step. Pass the attention mask (and ' +
  'position ids from it).';

const TRAIN_MODE_MESSAGE = (method: string) =>
  `\`${method}\` recomputes log-probs or values with a model that nothing here puts in eval mode: a module is in ` +
  'train mode by default, so dropout (LoRA dropout, attention or hidden dropout) is on, and the "old" log-probs are ' +
  'one random draw that no later forward reproduces. Call `.eval()` for the recomputation and restore the mode after ' +
  '(`module.train(prev_mode)`).';

const CROSS_ENTROPY_MESSAGE = (name: string) =>
  `\`${name}\` holds \`cross_entropy(..., reduction="none")\`, which is the *negative* log-prob of each token: ` +
  'used as a log-prob, the ratio exp(logp - old_logp) and the KL come out inverted. Negate it ' +
  '(`-F.cross_entropy(...)`).';

/** A forward call on a model: `model(ids)`, `self.ref_model(ids)`, `self.rl_model.model(tokens)`, `actor.forward(ids)`. */
function isModelForward(call: PyNode): boolean {
  const name = calleeName(call);
  if (!name) return false;
  const last = name.slice(name.lastIndexOf('.') + 1);
  return /^(?!(?:is|get|load|unwrap|create|build|init|prepare|wrap|save|to|set|make|copy)_)(?:\w*model|\w*module|policy|actor|forward)$/i.test(last) &&
    !/generate|reward|critic|value/i.test(name);
}

/** Whether a forward passes a mask (by keyword, by `**inputs`, or as HF's second positional argument). */
function passesMask(call: PyNode): boolean {
  return keywordArgument(call, 'attention_mask') !== undefined || keywordArgument(call, 'position_ids') !== undefined ||
    splatArguments(call).length > 0 || positionalArguments(call).length >= 2 ||
    /mask|packed|cu_seqlens|rmpad/i.test(call.childForFieldName('arguments')?.text ?? '');
}

/** The log-prob computations of `scope` that read what `forward` returns. */
function feedsLogProbs(scope: PyNode, forward: PyNode): boolean {
  const computations = callsNamed(scope, ...LOG_PROB_CALLS).filter((c) => enclosingScope(c).id === scope.id);
  if (computations.some((c) => c.startIndex <= forward.startIndex && forward.endIndex <= c.endIndex)) return true;
  const names = receivingNames(forward);
  if (names.length === 0) return false;
  const derived = derivedNames(scope, names, { after: forward });
  return computations.some((c) => c.startIndex > forward.endIndex && mentions(c, derived));
}

/**
 * The ids hold a prompt and its completion side by side: a `torch.cat` of the two (directly or through a name), or
 * ids of a file that pads (prompts are padded to a common length, so the ids have pad tokens between or before them).
 */
function isPaddedPromptAndCompletion(file: PythonFile, scope: PyNode, ids: PyNode): boolean {
  if (/pad/i.test(file.source)) return true;
  const isCat = (node: PyNode) => descendants(node, 'call').some((call) => ['cat', 'concat', 'concatenate', 'hstack'].includes(calleeMethod(call)));
  if (isCat(ids)) return true;
  const names = new Set([ids.text]);
  return descendants(scope, 'assignment').some((assignment) =>
    assignment.startIndex < ids.startIndex && targetNames(assignment.childForFieldName('left')).some((name) => names.has(name)) &&
    isCat(assignment.childForFieldName('right')!));
}

/** `model(input_ids)` over padded prompt + completion ids, whose logits become log-probs, with no attention mask. */
function forwardsWithoutMask(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const call of descendants(file.root, 'call')) {
    if (!isModelForward(call) || passesMask(call) || isInTestFunction(call)) continue;
    const [ids] = positionalArguments(call);
    const input = ids ?? keywordArgument(call, 'input_ids');
    if (!input || /packed|rmpad|unpad|embeds/i.test(input.text)) continue;
    const scope = enclosingScope(call);
    if (isPaddedPromptAndCompletion(file, scope, input) && feedsLogProbs(scope, call)) {
      reports.push({ ...rangeOf(call), message: NO_MASK_MESSAGE(calleeName(call)) });
    }
  }
  return reports;
}

/** The methods of a class that put a module in eval mode or set its mode (`.eval()`, `.train(False)`, `.train(mode)`). */
function setsMode(node: PyNode): boolean {
  return callsNamed(node, 'eval').length > 0 ||
    callsNamed(node, 'train').some((call) => positionalArguments(call).length > 0 || keywordArgument(call, 'mode') !== undefined);
}

/** `compute_log_prob(self, data)` running its own module's forward in a class that never sets eval mode. */
function recomputationsInTrainMode(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const cls of descendants(file.root, 'class_definition')) {
    if (setsMode(cls)) continue;
    const methods = descendants(cls, 'function_definition').filter((fn) => enclosing(fn, 'class_definition')?.id === cls.id);
    const ownMethods = new Set(methods.map(functionName));
    for (const method of methods) {
      if (!RECOMPUTE_METHOD.test(functionName(method))) continue;
      // The forward runs here: on the class's own module, or through a forward method of the class.
      const forwards = descendants(method, 'call').some((call) => {
        const name = calleeName(call);
        return /^self\.\w*(?:module|model)s?\b/.test(name) ||
          (name.startsWith('self.') && ownMethods.has(calleeMethod(call)) && /forward/.test(calleeMethod(call)));
      });
      if (forwards) reports.push({ ...rangeOf(method.childForFieldName('name')!), message: TRAIN_MODE_MESSAGE(functionName(method)) });
    }
  }
  return reports;
}

/** `logprobs = F.cross_entropy(logits, labels, reduction="none")`: a negative log-likelihood named as a log-prob. */
function crossEntropyAsLogProbs(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const call of callsNamed(file.root, 'cross_entropy', 'cross_entropy_loss')) {
    const reduction = keywordArgument(call, 'reduction');
    if (reduction?.text.replace(/['"]/g, '') !== 'none' || isInTestFunction(call)) continue;
    const assignment = enclosing(call, 'assignment');
    const right = assignment?.childForFieldName('right');
    if (!assignment || !right || unparenthesized(right).id !== call.id) continue;
    const [target] = targetNames(assignment.childForFieldName('left'));
    if (isLogProbName(target?.split('.').at(-1)) && !/nll|loss|neg/i.test(target!)) {
      reports.push({ ...rangeOf(assignment), message: CROSS_ENTROPY_MESSAGE(target!) });
    }
  }
  return reports;
}

function checkPython(file: PythonFile): RuleReport[] {
  return [...forwardsWithoutMask(file), ...recomputationsInTrainMode(file), ...crossEntropyAsLogProbs(file)]
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

export const logprobRecomputeMismatch: Rule = {
  meta: {
    code: 'RL202',
    name: 'logprob-recompute-mismatch',
    severity: 'warning',
    summary: 'Log-probs are recomputed in a way that cannot match the sampler: no attention mask, dropout on, or cross-entropy taken as a log-prob.',
  },
  // Every finding is a LOG_PROB_CALLS call in a file that pads or concatenates (`pad`, `cat`), a RECOMPUTE_METHOD's
  // definition (`def compute_log_prob(`), or a log-prob name assigned a cross-entropy (`logps = F.cross_entropy(`).
  triggers: [
    // Cheap and necessary: every alternative below names log-probs or a `compute_` method.
    /log_?p|log_softmax|def\s+compute_/i,
    /^(?=[\s\S]*(?:log_softmax|log_?probs_(?:from|of)_\w+|gather_log_probs)\s*\()(?=[\s\S]*(?:pad|cat|concat))|def\s+compute_(?:ref_|old_)?(?:log_?probs?|values)\s*\(|(?:log_?probs?|logps?)\w*\s*=\s*[\w.]*cross_entropy/i,
  ],
  python: checkPython,
};
