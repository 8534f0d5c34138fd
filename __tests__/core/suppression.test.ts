import { missingGenerationPrompt } from '../../src/analysis/rules/missing-generation-prompt';
import { findingsOf } from '../helpers/rule-tester';

const flagged = 'prompt = tok.apply_chat_template(messages, tokenize=False)';
const inRollout = (body: string) => `def rollout(llm, tok, messages):\n${body}\n    return llm.generate(prompt)\n`;

describe('inline suppression', () => {
  test.each([
    ['same line, by code', `    ${flagged}  # rl-review: ignore[RL101]`],
    ['same line, by name', `    ${flagged}  # rl-review: ignore[missing-generation-prompt]`],
    ['line above', `    # rl-review: ignore[RL101]\n    ${flagged}`],
    ['no list silences every rule', `    ${flagged}  # rl-review: ignore`],
    ['one of several codes', `    ${flagged}  # rl-review: ignore[RL103, RL101]`],
  ])('%s', async (_, body) => {
    expect(await findingsOf(missingGenerationPrompt, inRollout(body))).toEqual([]);
  });

  test('file-level ignore-file', async () => {
    const code = `# rl-review: ignore-file[RL101]\n${inRollout(`    ${flagged}`)}`;
    expect(await findingsOf(missingGenerationPrompt, code)).toEqual([]);
  });

  test.each([
    ['another rule named', `    ${flagged}  # rl-review: ignore[RL103]`],
    ['two lines above', `    # rl-review: ignore[RL101]\n\n    ${flagged}`],
    ['ignore-file for another rule', `    # rl-review: ignore-file[RL102]\n    ${flagged}`],
  ])('still reported: %s', async (_, body) => {
    expect(await findingsOf(missingGenerationPrompt, inRollout(body))).toHaveLength(1);
  });

  test('TypeScript comment form', async () => {
    const code = `
      async function rollout(tokenizer, model, messages) {
        // rl-review: ignore[RL101]
        const inputs = tokenizer.apply_chat_template(messages);
        return model.generate(inputs);
      }
    `;
    expect(await findingsOf(missingGenerationPrompt, code, 'typescript')).toEqual([]);
  });
});
