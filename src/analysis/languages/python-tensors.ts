/**
 * Reading per-token tensor code in Python: masks, reductions and the names that say what a tensor holds. Shared by
 * the rules on log-probs, masks and loss math (RL2xx), which see tensors only through their names and the calls that
 * reduce them: no types, no shapes.
 */
import { nameWords } from '../names';
import { calleeMethod, descendants, enclosingFunction, functionNameStartsWith, keywordArgument, positionalArguments, type PyNode } from './python';

/** Inside a pytest function (`def test_...`), at any depth. */
export function isInTestFunction(node: PyNode): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (functionNameStartsWith(fn, 'test_')) return true;
  return false;
}

export function unparenthesized(node: PyNode): PyNode {
  let value = node;
  while (value.type === 'parenthesized_expression' && value.namedChild(0)) value = value.namedChild(0)!;
  return value;
}

/** The operator of a binary operation or augmented assignment (`-`, `/=`), else undefined. */
export function operatorOf(node: PyNode): string | undefined {
  return node.type === 'binary_operator' || node.type === 'augmented_assignment'
    ? node.childForFieldName('operator')?.type
    : undefined;
}

/** A division in `root` (`a / b`, `a /= b`), with its numerator and its divisor. */
export interface Division {
  node: PyNode;
  numerator: PyNode;
  divisor: PyNode;
}

export function divisions(root: PyNode): Division[] {
  return descendants(root, 'binary_operator', 'augmented_assignment').flatMap((node) => {
    const operator = operatorOf(node);
    if (operator !== '/' && operator !== '/=') return [];
    return [{ node, numerator: node.childForFieldName('left')!, divisor: node.childForFieldName('right')! }];
  });
}

/**
 * The name that says what an expression holds: the last segment of a name (`mask` for `self.mask`), the key of a
 * string subscript (`response_mask` for `data["response_mask"]`), the base of another subscript, the callee of a
 * method that keeps the value (`mask` for `mask.float()`). Undefined for anything else.
 */
export function subjectName(node: PyNode): string | undefined {
  const bare = unparenthesized(node);
  switch (bare.type) {
    case 'identifier':
      return bare.text;
    case 'attribute':
      return bare.childForFieldName('attribute')?.text;
    case 'subscript': {
      const key = bare.childForFieldName('subscript');
      if (key?.type === 'string') return key.text.replace(/^[rbuf]*['"]+|['"]+$/gi, '');
      return subjectName(bare.childForFieldName('value')!);
    }
    case 'call': {
      const callee = bare.childForFieldName('function');
      if (callee?.type === 'attribute' && VALUE_KEEPING_METHODS.has(calleeMethod(bare))) {
        return subjectName(callee.childForFieldName('object')!);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Methods that return their receiver's values in another dtype, device or layout (`mask.float()`, `x.flatten()`). */
const VALUE_KEEPING_METHODS = new Set([
  'float', 'bool', 'int', 'long', 'half', 'bfloat16', 'double', 'to', 'type', 'type_as', 'cuda', 'cpu', 'detach',
  'clone', 'contiguous', 'flatten', 'view', 'reshape', 'squeeze', 'unsqueeze', 'view_as', 'reshape_as', 'ravel',
]);

/** A mask by its name: `mask`, `response_mask`, `attention_mask`, `completion_mask`, `loss_masks`. */
export function isMaskName(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some((word) => word === 'mask' || word === 'masks');
}

/** The dimension a reduction call reduces: the text of its `dim=`/`axis=` or of its first integer positional argument. */
export function reductionDim(call: PyNode, dataIsArgument = false): string | undefined {
  const keyword = keywordArgument(call, 'dim') ?? keywordArgument(call, 'axis');
  if (keyword) return keyword.text.replace(/\s+/g, '');
  const positional = positionalArguments(call).slice(dataIsArgument ? 1 : 0);
  const dim = positional.find((arg) => /^-?\d+$/.test(arg.text) || arg.type === 'tuple');
  return dim?.text.replace(/\s+/g, '');
}

/** `-1` or `1`: the token axis of a `(batch, tokens)` tensor. */
export function isTokenAxis(dim: string | undefined): boolean {
  return dim === '-1' || dim === '1';
}

/**
 * The tensor a reduction reads: `x` in `x.sum(-1)`, `torch.sum(x, dim=-1)`, `np.mean(x)`. Methods on a module
 * (`torch.`, `np.`, `F.`) take it as their first argument.
 */
export function reducedTensor(call: PyNode): PyNode | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') return positionalArguments(call)[0];
  const object = callee.childForFieldName('object')!;
  return object.type === 'identifier' && TENSOR_MODULES.has(object.text) ? positionalArguments(call)[0] : object;
}

const TENSOR_MODULES = new Set(['torch', 'np', 'numpy', 'jnp', 'F', 'mx', 'tf', 'verl_F']);

/** Helpers that turn logits and labels into per-token log-probs (verl, TRL, OpenRLHF, SkyRL, Megatron). */
export const LOG_PROBS_FROM_LOGITS = [
  'selective_log_softmax', 'log_probs_from_logits', 'logprobs_from_logits', 'logprobs_of_labels', 'gather_log_probs',
  'vocab_parallel_log_probs_from_logits', 'logprobs_from_logits_flash_attn', 'logprobs_from_logits_naive',
  'logprobs_from_logits_v2', 'get_logprobs_from_logits', 'compute_logprobs_from_logits',
];

/** A log-prob by its name: `logprobs`, `old_log_probs`, `per_token_logps`, `logp`. */
export function isLogProbName(name: string | undefined): boolean {
  if (!name) return false;
  const words = nameWords(name);
  return words.some((w) => ['logprobs', 'logprob', 'logps', 'logp'].includes(w)) ||
    words.some((w, i) => w === 'log' && (words[i + 1] === 'probs' || words[i + 1] === 'prob'));
}

/** The sum of a mask: `mask.sum(-1)`, `torch.sum(mask)`, `mask.float().sum(dim=1)`, `mask.count_nonzero()`. */
export function isMaskSum(node: PyNode): boolean {
  const bare = unparenthesized(node);
  if (bare.type !== 'call' || !['sum', 'count_nonzero', 'nansum'].includes(calleeMethod(bare))) return false;
  const tensor = reducedTensor(bare);
  return tensor !== undefined && isMaskName(subjectName(tensor));
}
