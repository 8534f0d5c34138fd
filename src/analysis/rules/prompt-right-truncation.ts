import {
  calleeMethod, calleeName, callsNamed, descendants, enclosingScope, functionName, keywordArgument, literalTruth,
  positionalArguments, rangeOf, type PyNode, type PythonFile,
} from '../languages/python';
import { contains, derivedNames, isOnlyMeasured, mentions, receivingNames, runsAfter } from '../languages/python-flow';
import type { Rule, RuleReport } from '../rule';

/** Tokenizer methods that accept `truncation=` and `max_length=`. */
const TOKENIZE_METHODS = ['encode', 'encode_plus', 'batch_encode_plus', '__call__'];

/** A tokenizer or processor called directly: `tokenizer(...)`, `self.processing_class(...)`, `tok(...)`. */
const TOKENIZER_CALLEE = /tokenizer$|^tok$|processor$|processing_class$/i;

const MESSAGE = 'A prompt templated with add_generation_prompt=True is tokenized with truncation=True and max_length ' +
  'on the default right side: a long prompt loses its end, the `<|im_start|>assistant\\n` generation prompt with it. ' +
  'Truncate from the left (truncation_side="left" on the tokenizer) or keep the last tokens (`ids[-max_len:]`).';

/**
 * Calls that return a prompt ending with the generation prompt: `apply_chat_template(..., add_generation_prompt=True)`,
 * and TRL's `maybe_apply_chat_template`, which adds it to prompt-only examples.
 */
function isTemplatedPrompt(call: PyNode): boolean {
  if (calleeMethod(call) === 'maybe_apply_chat_template') return true;
  const generationPrompt = keywordArgument(call, 'add_generation_prompt');
  return calleeMethod(call) === 'apply_chat_template' && generationPrompt !== undefined &&
    literalTruth(generationPrompt) === true;
}

/** `truncation=True` (or a truncating strategy such as "longest_first") together with a `max_length`. */
function truncatesToMaxLength(call: PyNode): boolean {
  const truncation = keywordArgument(call, 'truncation');
  if (!truncation || !keywordArgument(call, 'max_length')) return false;
  return literalTruth(truncation) === true && !truncation.text.includes('do_not_truncate');
}

function isTokenizerCall(call: PyNode): boolean {
  const name = calleeName(call);
  return TOKENIZE_METHODS.includes(calleeMethod(call)) || TOKENIZER_CALLEE.test(name.slice(name.lastIndexOf('.') + 1));
}

/**
 * Some code in the file sets a truncation side other than "right" (on the call, in `from_pretrained`, or as an
 * attribute): the file cannot tell which tokenizer that is, so it is trusted to be this one.
 */
function setsTruncationSide(root: PyNode): boolean {
  const values = [
    ...descendants(root, 'keyword_argument')
      .filter((k) => k.childForFieldName('name')?.text === 'truncation_side')
      .map((k) => k.childForFieldName('value')),
    ...descendants(root, 'assignment')
      .filter((a) => a.childForFieldName('left')?.text.endsWith('.truncation_side'))
      .map((a) => a.childForFieldName('right')),
  ];
  return values.some((value) => !/^["']right["']$/.test(value?.text ?? ''));
}

/** The text a tokenizer call encodes: its first positional argument or `text=`. */
function encodedText(call: PyNode): PyNode | undefined {
  return positionalArguments(call)[0] ?? keywordArgument(call, 'text');
}

/**
 * Functions of the file that only return a templated prompt (`def format_prompt(tok, messages): return
 * tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)`): their calls are templated prompts.
 */
function templatingHelpers(root: PyNode): string[] {
  return descendants(root, 'function_definition').flatMap((fn) => {
    const statements = (fn.childForFieldName('body')?.namedChildren ?? [])
      .filter((s): s is PyNode => s !== null && s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChild(0)?.type === 'string'));
    const value = statements.length === 1 && statements[0].type === 'return_statement' ? statements[0].namedChild(0) : null;
    return value?.type === 'call' && isTemplatedPrompt(value) ? [functionName(fn)] : [];
  });
}

function checkPython(file: PythonFile): RuleReport[] {
  if (setsTruncationSide(file.root)) return [];
  const reports: RuleReport[] = [];
  const helpers = templatingHelpers(file.root);
  const sources = [
    ...callsNamed(file.root, 'apply_chat_template', 'maybe_apply_chat_template').filter(isTemplatedPrompt),
    ...callsNamed(file.root, ...helpers),
  ];
  const flagged = new Set<number>();
  for (const source of sources) {
    const scope = enclosingScope(source);
    const tokenize = keywordArgument(source, 'tokenize');
    // apply_chat_template tokenizes by default, and truncates on the same right side.
    const tokenizes = !tokenize || literalTruth(tokenize) !== false;
    if (tokenizes && truncatesToMaxLength(source) && !isOnlyMeasured(source, scope)) flagged.add(source.id);
    const prompts = derivedNames(scope, receivingNames(source), { after: source });
    for (const call of descendants(scope, 'call')) {
      if (!isTokenizerCall(call) || !truncatesToMaxLength(call)) continue;
      const text = encodedText(call);
      if (!text || (!contains(call, source) && !runsAfter(source, call))) continue;
      if ((contains(text, source) || mentions(text, prompts)) && !isOnlyMeasured(call, scope)) flagged.add(call.id);
    }
  }
  for (const call of descendants(file.root, 'call')) {
    if (flagged.has(call.id)) reports.push({ ...rangeOf(call), message: MESSAGE });
  }
  return reports;
}

export const promptRightTruncation: Rule = {
  meta: {
    code: 'RL108',
    name: 'prompt-right-truncation',
    severity: 'error',
    summary: 'A templated prompt is truncated from the right, cutting off the generation prompt at its end.',
  },
  // Every finding truncates (`truncation=`, `max_length=`) a prompt from a `maybe_apply_chat_template` or an
  // `apply_chat_template` given `add_generation_prompt=`.
  triggers: [/\badd_generation_prompt\s*=|maybe_apply_chat_template/, /\btruncation\s*=/, /\bmax_length\s*=/],
  python: checkPython,
};
