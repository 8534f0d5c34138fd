/** The lower-case words of an identifier, snake_case or camelCase: `goldToks` → `gold`, `toks`; `_time_penalty` → `time`, `penalty`. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/).filter(Boolean);
}

/** Calls that send a prompt to the policy: vLLM/SGLang/HF `generate`, engine and client variants, verl's rollout workers. */
export const GENERATION_CALLS: readonly string[] = [
  'generate', 'agenerate', 'async_generate', 'generate_async', 'generate_sequences', 'generate_batch',
];
