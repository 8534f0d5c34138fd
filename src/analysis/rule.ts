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
}

/** What a detector reports; the engine adds the rule's code, name, severity and the file path. */
export interface RuleReport extends Range {
  message: string;
  fix?: Fix;
  /** Only for rules whose severity depends on the case (documented in the rule's doc). */
  severity?: Severity;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Substrings of which at least one must occur in a file for the rule to be able to fire.
   * A file in which no enabled rule's trigger occurs is never parsed: this is most of the speed.
   */
  triggers: readonly string[];
  python?: (file: PythonFile) => RuleReport[];
  typescript?: (file: TypeScriptFile) => RuleReport[];
}
