import type { Rule } from '../rule';
import { missingGenerationPrompt } from './missing-generation-prompt';

/** Every rule, in code order. A rule is one module beside this file, with its doc (`<name>.md`) beside it. */
export const RULES: readonly Rule[] = [
  missingGenerationPrompt,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.code === code);
}
