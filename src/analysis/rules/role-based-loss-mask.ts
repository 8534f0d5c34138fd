import {
  assignmentsTo, calleeMethod, descendants, enclosing, enclosingFunction, enclosingScope, functionName, isTokenizerCall, keywordArgument, onesExpression,
  positionalArguments, rangeOf, stringValue, VALUE_WRAPPERS, type PyNode, type PythonFile,
} from '../languages/python';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Encoders that template a message they are given whole (not in a one-message list): `encode_message(msg)`. */
const MESSAGE_ENCODER = /template|encode_?messages?|tokenize_?messages?|render/i;

/** Names of supervised fine-tuning code: the dataset or collator of an SFT run, not a rollout. */
const SFT_NAME = /(?:^|_)sft(?:_|$)|Sft|SFT|supervised/;

const MESSAGE = 'Loss mask chosen by message role: the ones cover every token of the assistant message\'s templated ' +
  'encoding, including the generation-prompt header (`<|im_start|>assistant\\n`) and the `\\n` after `<|im_end|>`, ' +
  'tokens the template writes, not the model. Mask per token, up to and including the end-of-turn token.';

/** The message a role test reads: `msg` for `msg["role"]`, `msg.get("role")`, `msg.role`. */
function messageOfRole(node: PyNode): PyNode | undefined {
  if (node.type === 'subscript' && stringValue(node.childForFieldName('subscript')) === 'role') {
    return node.childForFieldName('value') ?? undefined;
  }
  if (node.type === 'call' && calleeMethod(node) === 'get' && stringValue(positionalArguments(node)[0]) === 'role') {
    return node.childForFieldName('function')?.childForFieldName('object') ?? undefined;
  }
  if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'role') {
    return node.childForFieldName('object') ?? undefined;
  }
  return undefined;
}

/**
 * The message whose role `condition` compares with a string (`msg["role"] == "assistant"`, `role in ("user", "tool")`),
 * or null when the role comes from a plain `role` name that is not read from a message; undefined when it is no role test.
 */
function roleTestedMessage(condition: PyNode | null): PyNode | null | undefined {
  for (const comparison of condition ? descendants(condition, 'comparison_operator') : []) {
    const operands = comparison.namedChildren.filter((n): n is PyNode => n !== null);
    if (!operands.some((o) => o.type === 'string' || ['tuple', 'list', 'set'].includes(o.type))) continue;
    for (const operand of operands) {
      const message = messageOfRole(operand);
      if (message) return message;
      if (operand.type === 'identifier' && operand.text === 'role') return messageReadInto(operand);
    }
  }
  return undefined;
}

/** `msg` when `role = msg["role"]` in the scope, else null. */
function messageReadInto(role: PyNode): PyNode | null {
  const [assignment] = assignmentsTo(enclosingScope(role), role.text);
  const value = assignment?.childForFieldName('right');
  return (value && messageOfRole(value)) ?? null;
}

/** The role test that decides whether `node` runs: the condition of its `if`/`elif`/`else` or conditional expression. */
function enclosingRoleTest(node: PyNode): PyNode | null | undefined {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'function_definition' || parent.type === 'lambda') return undefined;
    let conditions: (PyNode | null)[] = [];
    if (parent.type === 'if_statement' || parent.type === 'elif_clause') {
      if (child.id === parent.childForFieldName('consequence')?.id) conditions = [parent.childForFieldName('condition')];
    } else if (parent.type === 'else_clause' && parent.parent?.type === 'if_statement') {
      const elifs = parent.parent.childrenForFieldName('alternative').filter((a) => a?.type === 'elif_clause');
      conditions = [parent.parent, ...elifs].map((branch) => branch?.childForFieldName('condition') ?? null);
    } else if (parent.type === 'conditional_expression' && child.id !== parent.namedChild(1)?.id) {
      conditions = [parent.namedChild(1)];
    }
    for (const condition of conditions) {
      const message = roleTestedMessage(condition);
      if (message !== undefined) return message;
    }
  }
  return undefined;
}

/**
 * The call an encoding comes from, through `["input_ids"]`, `.input_ids`, `[0]`, `await`, `list(...)`, and one
 * `tokenizer.encode(text)` of a text rendered just before. A slice (`ids[len(header):]`) is not the whole encoding.
 */
function encodingCall(value: PyNode | null | undefined, hops = 1): PyNode | undefined {
  switch (value?.type) {
    case 'call': {
      const [first] = positionalArguments(value);
      if (VALUE_WRAPPERS.includes(calleeMethod(value))) return encodingCall(first, hops);
      if (hops > 0 && isTokenizerCall(value) && first?.type === 'identifier') {
        return encodingCall(lastAssignmentBefore(first, value)?.childForFieldName('right'), hops - 1);
      }
      return value;
    }
    case 'subscript':
      if (value.childForFieldName('subscript')?.type === 'slice') return undefined;
      return encodingCall(value.childForFieldName('value'), hops);
    case 'attribute':
      return encodingCall(value.childForFieldName('object'), hops);
    case 'await':
    case 'parenthesized_expression':
      return encodingCall(value.namedChild(0), hops);
    default:
      return undefined;
  }
}

/** A call that templates one whole message: `apply_chat_template([msg])`, `encode_messages_subset([msg])`, `encode_message(msg)`. */
function templatesWholeMessage(call: PyNode, message: PyNode | null): boolean {
  const args = [...positionalArguments(call), keywordArgument(call, 'conversation'), keywordArgument(call, 'messages')];
  return args.some((arg) => {
    if (arg?.type === 'list' && arg.namedChildCount === 1) {
      return !message || arg.namedChild(0)?.text === message.text;
    }
    return !!message && arg?.text === message.text && MESSAGE_ENCODER.test(calleeMethod(call));
  });
}

/** The last assignment to `name` before `node` in its scope. */
function lastAssignmentBefore(name: PyNode, node: PyNode): PyNode | undefined {
  return assignmentsTo(enclosingScope(node), name.text).filter((a) => a.startIndex < node.startIndex).at(-1);
}

/** `mask = ones...` followed by `mask[:n] = 0` in the same scope: the header was masked afterwards. */
function isCorrectedLater(ones: PyNode): boolean {
  const assignment = ones.parent?.type === 'assignment' ? ones.parent : undefined;
  const target = assignment?.childForFieldName('left');
  if (target?.type !== 'identifier') return false;
  return descendants(enclosingScope(ones), 'assignment').some((a) => {
    const left = a.childForFieldName('left');
    return left?.type === 'subscript' && left.childForFieldName('value')?.text === target.text && a.startIndex > ones.startIndex;
  });
}

/**
 * SFT data (an SFT dataset class, an SFT module or function): the header is trained, but on targets the model will
 * write anyway; in RL it also puts tokens the policy never sampled into the policy loss. Info there.
 */
function isSupervisedDataset(node: PyNode, path: string): boolean {
  const definitions = [enclosing(node, 'class_definition'), enclosingFunction(node)];
  const isDataset = (d: PyNode) => d.type === 'class_definition' && nameWords(functionName(d)).at(-1) === 'dataset' &&
    !nameWords(functionName(d)).some((w) => ['rl', 'rlhf', 'rollout', 'ppo', 'grpo'].includes(w));
  return SFT_NAME.test(path.split('/').pop() ?? '') ||
    definitions.some((d) => d !== undefined && (SFT_NAME.test(functionName(d)) || isDataset(d)));
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  const reportedSizes = new Set<number>(); // `tensor([1] * len(ids))` is one mask, not two
  for (const node of descendants(file.root, 'binary_operator', 'list_comprehension', 'call')) {
    const sized = onesExpression(node)?.sizedLike;
    if (sized?.type !== 'identifier' || reportedSizes.has(sized.id)) continue;
    const message = enclosingRoleTest(node);
    if (message === undefined) continue;
    const call = encodingCall(lastAssignmentBefore(sized, node)?.childForFieldName('right'));
    if (!call || !templatesWholeMessage(call, message) || isCorrectedLater(node)) continue;
    reportedSizes.add(sized.id);
    reports.push({ ...rangeOf(node), message: MESSAGE, ...(isSupervisedDataset(node, file.path) ? { severity: 'info' as const } : {}) });
  }
  return reports;
}

export const roleBasedLossMask: Rule = {
  meta: {
    code: 'RL110',
    name: 'role-based-loss-mask',
    severity: 'warning',
    summary: 'A multi-turn loss mask set to ones for every token of each assistant message\'s templated encoding.',
  },
  triggers: [
    // The role test: `msg["role"]`, `msg.get("role")`, `msg.role` or a `role` name.
    /\brole\b/,
    // The ones sized like a name (onesExpression's `sizedLike`): `[1, 1] * len(ids)`, `len(ids) * [True]`,
    // `[1 for _ in ids]`, `ones(len(ids))`, `ones_like(ids)`.
    /\[\s*(?:1|True)(?:\s*,\s*(?:1|True))*\s*,?\s*\]\s*\*\s*len\s*\(|\blen\s*\([^()]*\)\s*\*\s*\[|\[\s*(?:1|True)\s+for\b|\bones\s*\(\s*len\s*\(|\bones_like\s*\(/,
  ],
  python: checkPython,
};
