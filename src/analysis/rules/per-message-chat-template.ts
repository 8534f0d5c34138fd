import {
  assignmentsTo, calleeMethod, callsNamed, descendants, enclosingScope, isTokenizerCall, keywordArgument, literalTruth,
  positionalArguments, rangeOf, stringValue, VALUE_WRAPPERS, type PyNode, type PythonFile,
} from '../languages/python';
import type { Rule, RuleReport } from '../rule';

/** Names of whole conversations: `[messages]` or `[conversation]` is a batch of one, rendered correctly. */
const CONVERSATION_NAME = /messages|conversation|conv\b|chat|dialog|history/i;

/** Calls that concatenate the sequences in a list: `torch.cat([ids, new])`, `"".join(parts)`. */
const CONCATENATIONS = ['cat', 'concat', 'concatenate', 'hstack', 'join'];

const MESSAGE = 'apply_chat_template() renders a single message and the result is appended to a sequence: ' +
  'many templates (Qwen2.5) add their default system turn to every call, so spurious system turns enter the sequence. ' +
  'Render the conversation once, or render against a fixed base conversation and slice the base off.';

/** The one-message list a conversation argument is: `[msg]`, or `conv` after `conv = [{"role": role, ...}]`. */
function oneMessageList(conversation: PyNode | undefined): PyNode | undefined {
  if (conversation?.type === 'identifier') {
    const assigned = assignmentsTo(enclosingScope(conversation), conversation.text)
      .filter((a) => a.startIndex < conversation.startIndex).at(-1)?.childForFieldName('right');
    return assigned?.type === 'list' && assigned.namedChildCount === 1 ? assigned : undefined;
  }
  return conversation?.type === 'list' && conversation.namedChildCount === 1 ? conversation : undefined;
}

/** The message a call renders alone: `[msg]`, `[{"role": "tool", ...}]`; not a system message, not `[conversation]`. */
function singleMessage(call: PyNode): PyNode | undefined {
  const message = oneMessageList(positionalArguments(call)[0] ?? keywordArgument(call, 'conversation'))?.namedChild(0);
  if (!message || message.type === 'list' || message.type === 'list_splat') return undefined;
  // `[conversation]` is a batch of one conversation, not a message (`[messages[i]]` is a message).
  const name = message.type === 'attribute' ? message.childForFieldName('attribute')?.text : message.text;
  if (message.type !== 'subscript' && CONVERSATION_NAME.test(name ?? '')) return undefined;
  // A system message rendered alone gets no default system turn in front of it.
  const role = descendants(message, 'pair').find((p) => stringValue(p.childForFieldName('key')) === 'role');
  return stringValue(role?.childForFieldName('value')) === 'system' ? undefined : message;
}

/** A template literal that never mentions a system turn, so it cannot inject a default system prompt. */
function isTemplateWithoutSystem(node: PyNode | null | undefined): boolean {
  const literal = node?.type === 'parenthesized_expression' ? node.namedChild(0) : node;
  return (literal?.type === 'string' || literal?.type === 'concatenated_string') && !/system/i.test(literal.text);
}

/**
 * The call controls the system turn: a wrapper told what to do with it (`remove_system_prompt=True`), or a chat
 * template without a system turn, passed as `chat_template=` or assigned in this file (`tokenizer.chat_template = "..."`).
 */
function controlsSystemTurn(file: PythonFile, call: PyNode): boolean {
  const keywords = call.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type === 'keyword_argument') ?? [];
  if (keywords.some((k) => /system/i.test(k?.childForFieldName('name')?.text ?? ''))) return true;
  if (isTemplateWithoutSystem(keywordArgument(call, 'chat_template'))) return true;
  return descendants(file.root, 'assignment').some((a) => {
    const left = a.childForFieldName('left');
    return left?.type === 'attribute' && left.childForFieldName('attribute')?.text === 'chat_template' &&
      isTemplateWithoutSystem(a.childForFieldName('right'));
  });
}

/**
 * The outermost expression that still holds the whole encoding of `node`: through `["input_ids"]`, `.input_ids`,
 * `[0]`, `await` and `list(...)`. Undefined when a slice cuts it (`ids[len(system_ids):]`, the correct look-alike).
 */
function wholeValue(node: PyNode): PyNode | undefined {
  let value = node;
  for (let parent = value.parent; parent; parent = value.parent) {
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === value.id) {
      if (parent.childForFieldName('subscript')?.type === 'slice') return undefined;
      value = parent;
    } else if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === value.id) {
      value = parent;
    } else if (parent.type === 'await' || parent.type === 'parenthesized_expression') {
      value = parent;
    } else if (parent.type === 'argument_list' && parent.parent && VALUE_WRAPPERS.includes(calleeMethod(parent.parent)) &&
      positionalArguments(parent.parent)[0]?.id === value.id) {
      value = parent.parent;
    } else {
      break;
    }
  }
  return value;
}

/**
 * `value` is appended to a sequence: `ids += value`, `ids.extend(value)`, `ids + value`, `torch.cat([ids, value])`.
 * `texts.extend(text)` would add characters: a text extended onto a list is a batch's list of texts, not a message.
 */
function isAppended(value: PyNode, isText: boolean): boolean {
  const parent = value.parent;
  switch (parent?.type) {
    case 'augmented_assignment':
      return parent.childForFieldName('operator')?.type === '+=' && parent.childForFieldName('right')?.id === value.id;
    case 'binary_operator':
      return parent.childForFieldName('operator')?.type === '+' && parent.childForFieldName('right')?.id === value.id;
    case 'argument_list':
      return !isText && calleeMethod(parent.parent!) === 'extend';
    case 'list':
      return parent.namedChild(0)?.id !== value.id && parent.parent?.type === 'argument_list' &&
        CONCATENATIONS.includes(calleeMethod(parent.parent.parent!));
    default:
      return false;
  }
}

/** The name an expression's value is assigned to (`ids = value`), if it is all of the right-hand side. */
function assignedName(value: PyNode): string | undefined {
  const parent = value.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== value.id) return undefined;
  const left = parent.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

/** `name = name[len(system_ids):]` somewhere in the scope: the injected prefix is cut before use. */
function isSlicedInScope(scope: PyNode, name: string): boolean {
  return descendants(scope, 'assignment').some((a) => {
    const right = a.childForFieldName('right');
    return a.childForFieldName('left')?.text === name && right?.type === 'subscript' &&
      right.childForFieldName('value')?.text === name && right.childForFieldName('subscript')?.type === 'slice';
  });
}

/**
 * True when the rendered message in `value` ends up appended to a sequence: directly, through the name it is
 * assigned to, or through one tokenizer call on the rendered text (`tokenizer(text).input_ids`).
 */
function flowsIntoSequence(value: PyNode, isText: boolean, hops = 1): boolean {
  const whole = wholeValue(value);
  if (!whole) return false;
  if (isAppended(whole, isText)) return true;
  const tokenizer = whole.parent?.type === 'argument_list' ? whole.parent.parent : null;
  if (tokenizer && hops > 0 && isTokenizerCall(tokenizer) && positionalArguments(tokenizer)[0]?.id === whole.id) {
    return flowsIntoSequence(tokenizer, false, hops - 1);
  }
  const name = assignedName(whole);
  const scope = enclosingScope(whole);
  if (!name || isSlicedInScope(scope, name)) return false;
  const assignments = assignmentsTo(scope, name);
  const holdsThisValue = (use: PyNode) =>
    assignments.filter((a) => a.endIndex < use.startIndex).at(-1)?.id === whole.parent!.id;
  return descendants(scope, 'identifier').some((use) =>
    use.text === name && enclosingScope(use).id === scope.id && holdsThisValue(use) && flowsIntoSequence(use, isText, hops));
}

/** `tokenize=False`: the call returns text, not token ids. */
function rendersText(call: PyNode): boolean {
  const tokenize = keywordArgument(call, 'tokenize');
  return !!tokenize && literalTruth(tokenize) === false;
}

function checkPython(file: PythonFile): RuleReport[] {
  return callsNamed(file.root, 'apply_chat_template')
    .filter((call) => singleMessage(call) && !controlsSystemTurn(file, call) && flowsIntoSequence(call, rendersText(call)))
    .map((call) => ({ ...rangeOf(call), message: MESSAGE }));
}

export const perMessageChatTemplate: Rule = {
  meta: {
    code: 'RL111',
    name: 'per-message-chat-template',
    severity: 'warning',
    summary: 'apply_chat_template() renders one message at a time and the pieces are concatenated into one sequence.',
  },
  triggers: ['apply_chat_template'],
  python: checkPython,
};
