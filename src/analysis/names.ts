/** The lower-case words of an identifier, snake_case or camelCase: `goldToks` → `gold`, `toks`; `_time_penalty` → `time`, `penalty`. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/).filter(Boolean);
}
