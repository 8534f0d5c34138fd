import { scan } from '../../src/analysis/engine';
import { decodeSource } from '../../src/analysis/decode';
import { defaultConfig } from '../../src/config';
import { dedent } from '../helpers/rule-tester';
import { FLAGGED_ROLLOUT, makeProject } from '../helpers/project';

/** RL101 on line 3: a comment with a non-ASCII character above the flagged rollout. */
const rollout = (comment: string) => `${comment}\n${dedent(FLAGGED_ROLLOUT)}`;
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('source decoding', () => {
  const text = rollout('# café');

  test.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16LE with a byte-order mark', Buffer.from(`\ufeff${text}`, 'utf16le')],
    ['UTF-16BE with a byte-order mark', utf16be(`\ufeff${text}`)],
    ['UTF-16LE without one', Buffer.from(text, 'utf16le')],
    ['UTF-16BE without one', utf16be(text)],
  ])('%s', (_, bytes) => {
    expect(decodeSource(bytes, 'python')).toEqual({ text });
  });

  test.each([['# -*- coding: latin-1 -*-'], ['#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :']])('Python declaring its coding: %s', (declaration) => {
    const declared = `${declaration}\n${text}`;
    expect(decodeSource(Buffer.from(declared, 'latin1'), 'python')).toEqual({ text: declared });
  });

  test('Python that is not UTF-8 and declares no coding (Python would refuse it) is read as Latin-1, with a note', () => {
    expect(decodeSource(Buffer.from(rollout('# caf\xe9'), 'latin1'), 'python')).toEqual({
      text: rollout('# café'),
      note: 'not valid UTF-8 and no coding declaration, so Python would not run it: analyzed as Latin-1',
    });
    expect(decodeSource(Buffer.from('# coding: rot-47\n\xe9\n', 'latin1'), 'python').note).toMatch(/an unknown coding 'rot-47'/);
  });

  test('JavaScript and TypeScript are read as Node reads them: an invalid byte is U+FFFD', () => {
    expect(decodeSource(Buffer.from('// caf\xe9\nconst x = 1;\n', 'latin1'), 'typescript')).toEqual({ text: '// caf\ufffd\nconst x = 1;\n' });
    // A NUL in a comment does not make a file binary to Node: it is read, not skipped.
    expect(decodeSource(Buffer.from('// \0\nconst x = 1;\n'), 'typescript').text).toBe('// \0\nconst x = 1;\n');
  });

  test('binary data is text the prefilter passes over, not UTF-16', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(decodeSource(bytes, 'python').text).toHaveLength(bytes.length);
  });

  test('a finding in a Latin-1, UTF-16 or undeclared-Latin-1 file is found at its line', async () => {
    const cwd = makeProject({
      'latin1.py': Buffer.from(rollout('# -*- coding: latin-1 -*- café'), 'latin1'),
      'utf16.py': Buffer.from(`\ufeff${rollout('# café')}`, 'utf16le'),
      'undeclared.py': Buffer.from(rollout('# caf\xe9'), 'latin1'),
      'invalid.js': Buffer.from('// caf\xe9\nasync function rollout(tokenizer, model, messages) {\n  return model.generate(tokenizer.apply_chat_template(messages));\n}\n', 'latin1'),
    });
    const result = await scan({ paths: ['.'], cwd, config: defaultConfig() });
    expect(result.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([
      'invalid.js:3 RL101', 'latin1.py:3 RL101', 'undeclared.py:3 RL101', 'utf16.py:3 RL101',
    ]);
    expect(result.notices.map((n) => n.path)).toEqual(['undeclared.py']);
    expect(result.stats.skipped).toBe(0);
  });
});
