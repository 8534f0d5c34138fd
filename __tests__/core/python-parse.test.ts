import { blankCommentLines, parsePython } from '../../src/analysis/languages/python';
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
