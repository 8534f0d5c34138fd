/** The lower-case words of an identifier, snake_case or camelCase: `goldToks` → `gold`, `toks`; `_time_penalty` → `time`, `penalty`. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/).filter(Boolean);
}

/** Calls that send a prompt to the policy: vLLM/SGLang/HF `generate`, engine and client variants, verl's rollout workers. */
export const GENERATION_CALLS: readonly string[] = [
  'generate', 'agenerate', 'async_generate', 'generate_async', 'generate_sequences', 'generate_batch',
];

/**
 * A test file, whose findings would be about fixtures and assertions, not training code: under `tests/` or
 * `__tests__/`, or named `test_*.py`, `*_test.py`, `conftest.py`, `*.test.ts`, `*.spec.js`.
 */
export const TEST_PATH = /(?:^|\/)(?:tests?|__tests__)\/|(?:^|\/)(?:test_[^/]*|conftest\.py)$|_test\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$/;
