import { descendants, rangeOf, type PyNode, type PythonFile } from '../languages/python';
import { isInTestFunction } from '../languages/python-tensors';
import type { Rule, RuleReport } from '../rule';

const MESSAGE = (target: string, list: string) =>
  `\`${target}.extend(${list})\` runs on every pass of the loop while \`${list}\` keeps growing in it: each pass adds ` +
  `all of \`${list}\` again, so its first items end up in \`${target}\` once per later pass (with three parallel ` +
  'tool calls, the first tool result three times). The policy is then trained and scored on a conversation with ' +
  `repeated turns. Extend once, after the loop, or append each item as it is made.`;

/** The loops whose body both appends to `list` and extends another list with all of it. */
function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const loop of descendants(file.root, 'for_statement', 'while_statement')) {
    const body = loop.childForFieldName('body');
    if (!body) continue;
    const direct = (call: PyNode) => {
      // The innermost loop owns the call: a nested loop reports its own.
      for (let p = call.parent; p; p = p.parent) {
        if (p.type === 'for_statement' || p.type === 'while_statement') return p.id === loop.id;
        if (p.type === 'function_definition') return false;
      }
      return false;
    };
    const calls = descendants(body, 'call').filter(direct);
    const method = (call: PyNode) => call.childForFieldName('function')?.childForFieldName('attribute')?.text;
    const receiver = (call: PyNode) => call.childForFieldName('function')?.childForFieldName('object')?.text;
    const grown = new Set(calls.filter((c) => method(c) === 'append' || method(c) === 'extend').map(receiver));
    for (const call of calls) {
      const [argument] = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (method(call) !== 'extend' || argument?.type !== 'identifier' || !grown.has(argument.text)) continue;
      // A list made anew (or cleared) in the loop is one pass's items: extending with it once per pass is right.
      const reset = descendants(body, 'assignment').some((a) => a.childForFieldName('left')?.text === argument.text) ||
        calls.some((c) => method(c) === 'clear' && receiver(c) === argument.text);
      if (reset || receiver(call) === argument.text || isInTestFunction(call)) continue;
      reports.push({ ...rangeOf(call), message: MESSAGE(receiver(call)!, argument.text) });
    }
  }
  return reports;
}

export const growingListExtend: Rule = {
  meta: {
    code: 'RL404',
    name: 'growing-list-extend',
    severity: 'warning',
    summary: 'A list is extended, inside a loop, with another list that the same loop keeps appending to.',
  },
  // Every finding is an `.extend(name)` with a list that the loop `.append(`s to: `name.append(` before or after it.
  triggers: [
    /\.extend\(\s*[A-Za-z_]\w*\s*\)/,
    /\b(\w+)\.append\([\s\S]*?\.extend\(\s*\1\s*\)|\.extend\(\s*(\w+)\s*\)[\s\S]*?\b\2\.append\(/,
  ],
  python: checkPython,
};
