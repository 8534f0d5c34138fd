import type { Fix, Range, Severity } from '../findings';
import type { PythonFile } from './languages/python';
import type { TypeScriptFile } from './languages/typescript';

export interface RuleMeta {
  /** Stable code, never reused: tests outside this repository match on it. */
  code: string;
  /** Kebab-case name; also the name of the rule's doc (`docs/rules/<name>.md`). */
  name: string;
  severity: Severity;
  /** One line, shown in tables and SARIF `shortDescription`. */
  summary: string;
  /**
   * For a rule whose findings carry fixes: whether `rl-review scan --fix` applies them. `safe`: a fix changes nothing
   * but what its finding is about. `unsafe`: it may change more (the rule's doc says what, under "Fix safety"), so it
   * is shown and applied only with `--unsafe-fixes`. A rule that offers no fix leaves it out.
   */
  fix?: 'safe' | 'unsafe';
}

/** What a detector reports; the engine adds the rule's code, name, severity and the file path. */
export interface RuleReport extends Range {
  message: string;
  fix?: Fix;
  /** Only for rules whose severity depends on the case (documented in the rule's doc). */
  severity?: Severity;
}

/**
 * A condition on a file's text: a substring, or a RegExp (without the `g` or `y` flag, whose `test` keeps state)
 * for a form such as `def compute_score(` or `skip_special_tokens=True`, alternatives joined by `|`; or, last in a
 * rule's list (it runs only where the others hold), a function of the text for a condition no RegExp says cheaply,
 * such as two words in the text of one function.
 */
export type Trigger = string | RegExp | ((source: string) => boolean);

export interface Rule {
  meta: RuleMeta;
  /**
   * Conditions that all hold in the text of every file the rule can flag: each one is read off the detector's code,
   * never a guess, since a file that fails one is not analyzed. Formatting is taken as people write it: a form's
   * tokens apart by whitespace, not by a comment or a backslash, except where the comment says so.
   * A file in which no enabled rule's triggers all hold is never parsed: this is most of the speed.
   */
  triggers: readonly Trigger[];
  /** The triggers for TS/JS files, for a rule whose forms are written otherwise there; `triggers` when absent. */
  typescriptTriggers?: readonly Trigger[];
  python?: (file: PythonFile) => RuleReport[];
  typescript?: (file: TypeScriptFile) => RuleReport[];
}
