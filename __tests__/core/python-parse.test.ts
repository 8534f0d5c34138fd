import { references } from '../../src/analysis/languages/python-flow';
import {
  blankCommentLines, calleeName, callsNamed, descendants, isInNestedDefinition, parsePython, type PythonFile,
} from '../../src/analysis/languages/python';
import { dedent } from '../helpers/rule-tester';

describe('blankCommentLines: what the parser reads', () => {
  test('a line that holds only a comment becomes spaces of the same length', () => {
    const source = 'x = 1\n    # old = 2\n#top\r\ny = 3  # kept: code before it\n';
    expect(blankCommentLines(source)).toBe('x = 1\n' + ' '.repeat(13) + '\n    \r\ny = 3  # kept: code before it\n');
  });

  test('lines inside strings are kept, whatever their quotes and escapes', () => {
    const source = dedent(`
      doc = """
      # a heading in a docstring
      with an escaped \\""" inside
      # still in it
      """
      raw = r'it\\'s' + "# not a comment"
      # a comment
      template = '''
      # rendered
      '''
    `);
    const blanked = blankCommentLines(source);
    expect(blanked.length).toBe(source.length);
    expect(blanked.split('\n').filter((line) => line.includes('#'))).toEqual([
      '# a heading in a docstring',
      '# still in it',
      'raw = r\'it\\\'s\' + "# not a comment"',
      '# rendered',
    ]);
  });

  test('a file with no comment line is returned as it is', () => {
    const source = 'def f():\n    return 1  # one\n';
    expect(blankCommentLines(source)).toBe(source);
  });

  test('nodes still read their text from the source, comments included', async () => {
    const source = 'def f(x):\n    # why: the reason\n    return x\n';
    const file = await parsePython('f.py', source);
    try {
      expect(file.root.namedChildren[0]!.text).toBe(source.trimEnd());
      expect(file.root.descendantsOfType('comment')).toHaveLength(0);
    } finally {
      file.tree.delete();
    }
  });
});

/** Parses `source`, hands its tree to `use`, and frees the tree. */
async function withFile<T>(source: string, use: (file: PythonFile) => T): Promise<T> {
  const file = await parsePython('f.py', source);
  try {
    return use(file);
  } finally {
    file.tree.delete();
  }
}

describe('answers read from the text where it is plain, from the tree elsewhere', () => {
  test('a call\'s callee: a dotted name as written; a call or subscript that holds the callee gives none', async () => {
    const source = 'self.tok.apply_chat_template(m)\nf(x)(y)\na(x).b(y)\nitems[0](z)\nobj . method(w)\n';
    const names = await withFile(source, (file) => {
      callsNamed(file.root, 'any'); // the calls indexed by method, as rules first ask
      return descendants(file.root, 'call').map(calleeName);
    });
    expect(names).toEqual(['self.tok.apply_chat_template', '', 'f', 'a(x).b', 'a', '', 'obj . method']);
  });

  test('references: not an attribute\'s field, not a keyword\'s name, also across a line break', async () => {
    const source = 'run(batch.texts, text=prompt, limit=(\n    n\n), mode\n    =fast, ok=a == b)\n';
    const names = await withFile(source, (file) => references(file.root).map((ref) => ref.name));
    expect(names).toEqual(['run', 'batch.texts', 'batch', 'prompt', 'n', 'fast', 'a', 'b']);
  });

  test('a nested definition lies between a node and the body it is in, also when it is the body\'s first statement', async () => {
    const source = 'def outer():\n    def inner():\n        x = 1\n    y = 2\n';
    const verdicts = await withFile(source, (file) => {
      const body = descendants(file.root, 'function_definition')[0]!.childForFieldName('body')!;
      return descendants(body, 'assignment').map((assignment) => [assignment.text, isInNestedDefinition(assignment, body)]);
    });
    expect(verdicts).toEqual([['x = 1', true], ['y = 2', false]]);
  });
});
