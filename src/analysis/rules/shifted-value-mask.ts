import { descendants, enclosingFunction, functionName, rangeOf, type PyNode, type PythonFile } from '../languages/python';
import { isInTestFunction, isMaskName, operatorOf, subjectName, unparenthesized } from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Why a mask one position early is wrong, for both of its shapes. */
const SHIFT_CONSEQUENCE = 'a prediction sliced `[-L - 1:-1]` is aligned with the response tokens, and its mask is ' +
  'the response\'s own, `[:, -L:]`. The shifted mask keeps the value or log-prob at the last real token\'s position ' +
  '(after EOS, predicting padding) and drops the first response token\'s.';

const MASK_MESSAGE = (mask: string, fixed: string) =>
  `\`${mask}\` is the mask of the tokens *before* the response (shifted by one): ${SHIFT_CONSEQUENCE} Use \`${fixed}\`.`;

const MASKED_BEFORE_SLICE_MESSAGE = (mask: string, fixed: string) =>
  `Masked with \`${mask}\` before the slice \`[-L - 1:-1]\`, the values get the mask of the tokens *before* the ` +
  `response (shifted by one): ${SHIFT_CONSEQUENCE} Slice first, then multiply by \`${fixed}\`.`;

const VALUE_MESSAGE = (text: string) =>
  `\`${text}\` reads the critic's values one position late: the value of the state before token t is the output at ` +
  'position t - 1 (the end of the prefix), so values for the tokens are `[:, :-1]` (or `[:, -L - 1:-1]` for the ' +
  'response). Read at `[:, 1:]`, each token gets the value of the state after it, and GAE\'s deltas are off by one.';

/** `-L - 1`, `-(L + 1)`: a start one before the last L positions. */
function isOneBeforeLast(start: PyNode): boolean {
  const text = start.text.replace(/\s+/g, '');
  return /^-[\w.()[\]"']+-1$/.test(text) || /^-\([\w.()[\]"']+\+1\)$/.test(text);
}

/** The slice `a:b` on the last axis of a subscript `x[:, a:b]` (or of a 1-axis one). */
function lastAxisSlice(subscript: PyNode): PyNode | undefined {
  const indices = subscript.childrenForFieldName('subscript').filter((n): n is PyNode => n !== null);
  const last = indices.at(-1);
  return last?.type === 'slice' ? last : undefined;
}

function sliceBounds(slice: PyNode): { start?: PyNode; stop?: PyNode; step?: PyNode } {
  // Children are: [start] ':' [stop] [':' [step]]
  const bounds: (PyNode | undefined)[] = [undefined];
  for (const child of slice.children) {
    if (!child) continue;
    if (child.type === ':') bounds.push(undefined);
    else bounds[bounds.length - 1] = child;
  }
  const [start, stop, step] = bounds;
  return { start, stop, step };
}

/** The length `L` of a `-L - 1 : -1` slice on the last axis of `subscript`, when it has one. */
function oneBeforeLastLength(subscript: PyNode): string | undefined {
  const slice = lastAxisSlice(subscript);
  const { start, stop } = slice ? sliceBounds(slice) : {};
  if (!start || stop?.text.replace(/\s+/g, '') !== '-1' || !isOneBeforeLast(start)) return undefined;
  return start.text.replace(/\s+/g, '').replace(/^-\(?/, '').replace(/(?:-1|\+1\))$/, '');
}

/**
 * `attention_mask[:, -response_length - 1 : -1]`: a mask shifted by one onto the response's positions. Also the
 * same mask applied before the slice: `values = values * attention_mask`, then `values = values[:, -L - 1:-1]`.
 */
function shiftedMasks(root: PyNode): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const subscript of descendants(root, 'subscript')) {
    const value = subscript.childForFieldName('value');
    const length = value && oneBeforeLastLength(subscript);
    if (!value || !length || isInTestFunction(subscript)) continue;
    const axes = subscript.childrenForFieldName('subscript').length > 1 ? ':, ' : '';
    if (isMaskName(subjectName(value))) {
      const prefix = subscript.text.slice(0, subscript.text.lastIndexOf('[') + 1);
      reports.push({ ...rangeOf(subscript), message: MASK_MESSAGE(subscript.text, `${prefix}${axes}-${length}:]`) });
      continue;
    }
    const masking = value.type === 'identifier' ? maskingBefore(subscript, value.text) : undefined;
    if (masking) {
      const mask = masking.mask;
      reports.push({ ...rangeOf(masking.assignment), message: MASKED_BEFORE_SLICE_MESSAGE(mask, `${mask}[${axes}-${length}:]`) });
    }
  }
  return reports;
}

/** `name = name * mask` with a whole-sequence mask, earlier in the same function than `read`. */
function maskingBefore(read: PyNode, name: string): { assignment: PyNode; mask: string } | undefined {
  const fn = enclosingFunction(read);
  if (!fn) return undefined;
  for (const assignment of descendants(fn, 'assignment', 'augmented_assignment')) {
    if (assignment.endIndex > read.startIndex || assignment.childForFieldName('left')?.text !== name) continue;
    const right = unparenthesized(assignment.childForFieldName('right')!);
    const factors = assignment.type === 'augmented_assignment'
      ? (operatorOf(assignment) === '*=' ? [right] : [])
      : operatorOf(right) === '*' ? [right.childForFieldName('left')!, right.childForFieldName('right')!] : [];
    const mask = factors.map(unparenthesized).find((f) => (f.type === 'identifier' || f.type === 'attribute') && isMaskName(subjectName(f)));
    if (mask && (assignment.type === 'augmented_assignment' || factors.some((f) => f.text === name))) return { assignment, mask: mask.text };
  }
  return undefined;
}

/** A critic's code: a class or function named for critics or values (`CriticWorker`, `compute_values`). */
function isCriticContext(node: PyNode): boolean {
  const words: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') words.push(...nameWords(functionName(p)));
  }
  if (words.some((word) => word === 'reward' || word === 'rewards' || word === 'rm')) return false;
  return words.some((word) => word === 'critic' || word === 'values' || word === 'value');
}

/** `values = output[:, 1:]` in a critic: the value of each token read at the token itself instead of before it. */
function lateValues(root: PyNode): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const assignment of descendants(root, 'assignment')) {
    const target = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    const words = target ? nameWords(subjectName(target) ?? '') : [];
    if (!right || !words.some((word) => word === 'values' || word === 'vpreds' || word === 'value')) continue;
    const read = unparenthesized(right);
    if (read.type !== 'subscript') continue;
    const slice = lastAxisSlice(read);
    const { start, stop } = slice ? sliceBounds(slice) : {};
    if (start?.text !== '1' || stop || read.childrenForFieldName('subscript').length < 2) continue;
    if (isCriticContext(assignment) && !isInTestFunction(assignment)) reports.push({ ...rangeOf(read), message: VALUE_MESSAGE(read.text) });
  }
  return reports;
}

const LABEL_MESSAGE = (mask: string, labels: string) =>
  `\`${mask}\` drops the last position while the labels are \`${labels}\` (shifted left by one): the mask is aligned ` +
  'with the logits, not with the tokens they predict, so each token is kept or dropped by its *previous* token\'s ' +
  'mask: the first response token is not trained and the token after the response is, unless the dataset already ' +
  'shifted the mask by one. Slice the mask like the labels (`[:, 1:]`) if it did not.';

/** `labels = input_ids[:, 1:]` and `loss_mask = mask[:, :-1]` in one function: the mask follows the logits. */
function maskAlignedWithLogits(root: PyNode): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const fn of descendants(root, 'function_definition')) {
    const assignments = descendants(fn, 'assignment').filter((a) => enclosingFunction(a)?.id === fn.id);
    const sliceOf = (assignment: PyNode) => {
      // An annotated declaration (`labels: Tensor`) has no right side.
      const right = assignment.childForFieldName('right');
      const read = right ? descendants(right, 'subscript')[0] : undefined;
      const slice = read && lastAxisSlice(read);
      const { start, stop } = slice ? sliceBounds(slice) : {};
      return { read, start: start?.text.replace(/\s+/g, ''), stop: stop?.text.replace(/\s+/g, '') };
    };
    const labels = assignments.find((a) => {
      const words = nameWords(subjectName(a.childForFieldName('left')!) ?? '');
      const { start, stop } = sliceOf(a);
      return words.some((w) => w === 'labels' || w === 'targets') && start === '1' && stop === undefined;
    });
    if (!labels) continue;
    for (const assignment of assignments) {
      const name = subjectName(assignment.childForFieldName('left')!);
      const { read, start, stop } = sliceOf(assignment);
      if (!read || !isMaskName(name) || !nameWords(name!).includes('loss') || start !== undefined || stop !== '-1') continue;
      // Info: whether this is a bug depends on how the dataset built the mask, which is in another file. verl's SFT
      // dataset shifts its loss mask by one itself, so `[:, :-1]` is right there.
      if (!isInTestFunction(assignment)) {
        reports.push({ ...rangeOf(read), message: LABEL_MESSAGE(read.text, sliceOf(labels).read!.text), severity: 'info' });
      }
    }
  }
  return reports;
}

function checkPython(file: PythonFile): RuleReport[] {
  return [...shiftedMasks(file.root), ...lateValues(file.root), ...maskAlignedWithLogits(file.root)].sort((a, b) => a.line - b.line || a.column - b.column);
}

export const shiftedValueMask: Rule = {
  meta: {
    code: 'RL208',
    name: 'shifted-value-mask',
    severity: 'error',
    summary: 'A response or loss mask, or a critic\'s values, read one position off the tokens they belong to.',
  },
  // A shifted mask: a `mask` and a slice ending at `-1]` after a `- 1` or `+ 1)` start. Late values: `values = x[:, 1:]`.
  // A mask following the logits: labels or targets sliced `, 1:]` and a line with a mask sliced `, :-1]`.
  triggers: [
    // Cheap and necessary: every alternative below slices `: -1]` or `, 1:]`.
    /:\s*-\s*1\s*\]|,\s*1\s*:\s*\]/,
    /^(?=[\s\S]*mask)(?=[\s\S]*[-+]\s*1\s*\)?\s*:\s*-\s*1\s*\])|(?:values?|vpreds?)\w*\s*=\s*[\w.]+\[\s*:\s*,\s*1\s*:\s*\]|^(?=[\s\S]*(?:labels|targets)\w*\s*=[^\n]*,\s*1\s*:\s*\])(?=[\s\S]*mask[^\n]*,\s*:\s*-\s*1\s*\])/,
  ],
  python: checkPython,
};
