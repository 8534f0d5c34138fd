import { analyzeSource } from '../../src/analysis/engine';
import { defaultConfig } from '../../src/config';
import { dedent } from '../helpers/rule-tester';

/**
 * The language server's documents are parsed from their last tree (tree-sitter reparses only what changed): after
 * any edit, the findings must be those of a fresh parse of the same text.
 */

const severities = defaultConfig().rules;

const START = dedent(`
  def rollout(engine, tok, messages):
      prompt = tok.apply_chat_template(messages, tokenize=False)
      return engine.generate(prompt)


  def reward(pred, gold):
      if not gold or not pred:
          return float(pred == gold)
      return float(pred.strip() == gold.strip())
`);

/** Keystrokes as an editor sends them: a line typed, a word deleted, a fix pasted, a block removed, an emoji. */
const EDITS: ((text: string) => string)[] = [
  (t) => t.replace('    return engine.generate(prompt)', '    out = engine.generate(prompt)\n    return out'),
  (t) => t.replace('tokenize=False)', 'tokenize=False, add_generation_prompt=True)'),
  (t) => t.replace('tokenize=False, add_generation_prompt=True)', 'tokenize=False)'),
  (t) => t.replace(/def reward[\s\S]*$/, ''),
  (t) => `# 🚀 training\n${t}`,
  (t) => t + START.split('\n').slice(5).join('\n'),
  (t) => t.replace('def rollout(', 'def rollout_(').replace('prompt =', 'prompt ='),
  (t) => t.replace('    out = engine', '    # out = engine'),
  (t) => t.replace('    # out = engine', '    out = engine'),
  (t) => t.replace('def reward(pred, gold):', 'def reward(pred, gold):\n    """\n    # not a comment: the docstring\'s text\n    """'),
];

test('after each edit, an editor document parsed from its last tree has the findings of a fresh parse', async () => {
  let text = START;
  await analyzeSource('train.py', text, 'python', severities, undefined, true);
  for (const edit of EDITS) {
    text = edit(text);
    const incremental = await analyzeSource('train.py', text, 'python', severities, undefined, true);
    const fresh = await analyzeSource('train.py', text, 'python', severities);
    expect(incremental).toEqual(fresh);
  }
});
