import { enclosingFunction, rangeOf, type PyNode, type PythonFile } from '../languages/python';
import { divisions, isInTestFunction, subjectName, unparenthesized } from '../languages/python-tensors';
import type { Rule, RuleReport } from '../rule';

/** A fixed count of micro-batches: `self.gradient_accumulation`, `grad_accum_steps`, `accumulation_steps`. */
const ACCUMULATION_COUNT = /^(?:gradient_accumulation|grad(?:ient)?_accum(?:ulation)?|accum(?:ulation)?)(?:_steps?|_count)?$/;

/** Micro-batches cut by a token budget, so their number varies from one mini-batch to the next. */
const DYNAMIC_BATCHING = /\b(?:use_dynamic_bsz|dynamic_bsz|rearrange_micro_batches|prepare_dynamic_batch)\b/;

const MESSAGE = (text: string, count: string) =>
  `\`${text}\` scales every micro-batch's loss by 1/\`${count}\`, a count of fixed-size micro-batches, in code that ` +
  'also cuts micro-batches by a token budget (dynamic batch size): their number and sizes then vary, so the summed ' +
  'gradient is not the mini-batch mean (too large with many short micro-batches, too small with few long ones). ' +
  'Under dynamic batching, weigh each micro-batch by its share of the mini-batch ' +
  '(`len(micro_batch) / ppo_mini_batch_size`), and keep the fixed count for fixed-size micro-batches only.';

/** Inside a branch whose condition is about dynamic batching (`if use_dynamic_bsz: ... else: ...`): decided per case. */
function inDynamicBranch(node: PyNode, fn: PyNode): boolean {
  for (let p = node.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'conditional_expression') {
      const condition = p.type === 'if_statement' ? p.childForFieldName('condition') : p.namedChild(1);
      if (condition && /dynamic/i.test(condition.text)) return true;
    }
  }
  return false;
}

/** `loss = policy_loss / self.gradient_accumulation` in a function that also batches by tokens, not per case. */
function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const { node, divisor } of divisions(file.root)) {
    const count = subjectName(unparenthesized(divisor));
    if (!count || !ACCUMULATION_COUNT.test(count) || isInTestFunction(node)) continue;
    const fn = enclosingFunction(node);
    if (!fn || !DYNAMIC_BATCHING.test(fn.text) || inDynamicBranch(node, fn)) continue;
    reports.push({ ...rangeOf(node), message: MESSAGE(node.text, unparenthesized(divisor).text) });
  }
  return reports;
}

export const dynamicBatchAccumulation: Rule = {
  meta: {
    code: 'RL210',
    name: 'dynamic-batch-accumulation',
    severity: 'warning',
    summary: 'A loss is divided by a fixed gradient-accumulation count where micro-batches are cut by a token budget.',
  },
  // Every finding divides by an ACCUMULATION_COUNT name in a function that names DYNAMIC_BATCHING.
  triggers: [
    /dynamic_bsz|rearrange_micro_batches|prepare_dynamic_batch/,
    /\/=?\s*\(?\s*[\w.]*\b(?:gradient_accumulation|grad(?:ient)?_accum(?:ulation)?|accum(?:ulation)?)(?:_steps?|_count)?\b/,
  ],
  python: checkPython,
};
