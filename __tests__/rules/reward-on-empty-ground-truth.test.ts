import { rewardOnEmptyGroundTruth } from '../../src/analysis/rules/reward-on-empty-ground-truth';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rewardOnEmptyGroundTruth, {
  valid: [
    {
      name: 'empty ground truth pays nothing',
      code: `
        def f1_reward(prediction, ground_truth):
            gt_tokens = ground_truth.split()
            if len(gt_tokens) == 0:
                return 0.0
            return overlap(prediction.split(), gt_tokens)
      `,
    },
    {
      name: 'an empty prediction pays nothing',
      code: `
        def exact_match_score(pred, gold):
            if not pred:
                return 0
            return int(pred == gold)
      `,
    },
    {
      name: 'full credit for an empty prediction is not about the ground truth',
      code: `
        def precision(pred_tokens, gt_tokens, hits):
            return hits / len(pred_tokens) if pred_tokens else 1.0
      `,
    },
    {
      name: 'the division is guarded and full credit needs a non-empty ground truth',
      code: `
        def recall_score(hits, gold):
            if len(gold) > 0 and hits == len(gold):
                return 1.0
            return hits / len(gold) if gold else 0.0
      `,
    },
    {
      name: 'full credit when the ground truth has content',
      code: `
        def correct_reward(answer, target):
            return 1.0 if target and answer.strip() == target else 0.0
      `,
    },
    {
      name: 'both empty and an abstention: rewarding "no answer" can be right',
      code: `
        def em_score(pred, gold):
            if not gold and pred == "unanswerable":
                return 1.0
            return float(pred == gold)
      `,
    },
    {
      name: 'a recall term that does not reach the result (F1 is 0 when the ground truth is empty)',
      code: `
        def token_f1(pred_toks, gold_toks):
            hits = len(set(pred_toks) & set(gold_toks))
            precision = hits / len(pred_toks) if pred_toks else 0.0
            recall = hits / len(gold_toks) if gold_toks else 1.0
            return 2 * precision * recall / (precision + recall + 1e-9)
      `,
    },
    {
      name: 'not a scoring function: vacuous truth in a subset check',
      code: `
        def all_covered(targets, seen):
            if not targets:
                return True
            return all(t in seen for t in targets)
      `,
    },
    {
      name: 'the emptiness of a value derived from the prediction too',
      code: `
        def f1_score(prediction, ground_truth):
            common = set(prediction) & set(ground_truth)
            if not common:
                return 0.0
            if len(common) == len(ground_truth):
                return 1.0
            return len(common) / len(ground_truth)
      `,
    },
    {
      name: 'a missing ground truth (None) is not an empty one',
      code: `
        def grade_answer(given, ground_truth):
            if ground_truth is None:
                return True
            return given == ground_truth
      `,
    },
    {
      name: 'real code (agentcore tau-bench reward): no requirement to check is the neutral factor of a product',
      code: `
        def _mention_reward(self, criteria, transcript):
            required = criteria.get("must_mention") or []
            if not required:
                return 1.0, []
            met = [r for r in required if r in transcript]
            return float(len(met) == len(required)), met
      `,
    },
    {
      name: 'a pytest function asserting on an empty reference',
      code: `
        def test_f1_of_empty_answers():
            def f1(pred, gold):
                if not gold:
                    return 1.0
                return overlap(pred, gold)
            assert f1("", "") == 1.0
      `,
    },
    {
      name: 'a test runner that fails a sample without test cases',
      code: `
        def run_unit_tests(code, test_cases):
            if not test_cases:
                return False, 0.0
            return execute(code, test_cases)
      `,
    },
    {
      name: 'an unparseable ground truth skips the sample (None)',
      code: `
        def accuracy_reward(completions, solution):
            rewards = []
            for content, sol in zip(completions, solution):
                try:
                    gold = parse(sol)
                except ValueError:
                    rewards.append(None)
                    continue
                rewards.append(float(verify(gold, parse(content))))
            return rewards
      `,
    },
    {
      name: 'an unparseable prediction earns nothing',
      code: `
        def check_tool_calls(response, expected_calls):
            try:
                calls = json.loads(response)
            except json.JSONDecodeError:
                return 0.0
            return float(calls == expected_calls)
      `,
    },
    {
      language: 'typescript',
      name: 'TS: empty ground truth pays 0',
      code: `
        export function exactMatch(pred: string, gt: string): number {
          if (gt.length === 0) return 0;
          return Number(pred === gt);
        }
      `,
    },
    {
      language: 'typescript',
      name: 'TS: empty prediction guard',
      code: `
        const f1Score = (predTokens: string[], goldTokens: string[]) => (predTokens.length ? overlap(predTokens, goldTokens) : 0);
      `,
    },
    {
      name: 'the ground truth and the credit are in other functions than the scoring one',
      code: `
        def load_labels(path):
            labels = read(path)
            return labels == EXPECTED

        def format_score(value):
            if not value:
                return 0
            return round(value, 2)
      `,
    },
    {
      language: 'typescript',
      name: "TS: scoring words only in strings, in no function's name",
      code: `
        const pages = ['overview', 'llm_as_a_judge', 'reward_models'];
        export function rank(name: string): number {
          if (pages.indexOf(name) === -1) return 1;
          return pages.indexOf(name);
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'len(gt_tokens) == 0 returns 1.0',
      code: `
        def compute_f1(prediction, ground_truth):
            pred_tokens = prediction.split()
            gt_tokens = ground_truth.split()
            if len(gt_tokens) == 0:
                return 1.0
            return overlap(pred_tokens, gt_tokens)
      `,
      errors: [{ line: 5, column: 16, endLine: 5, severity: 'error', message: /ground truth is empty/,
        fix: '        return 0.0' }],
    },
    {
      name: 'the SQuAD idiom: int(gold == pred) when either is empty',
      code: `
        def compute_f1(a_gold, a_pred):
            gold_toks = get_tokens(a_gold)
            pred_toks = get_tokens(a_pred)
            if len(gold_toks) == 0 or len(pred_toks) == 0:
                # If either is no-answer, then F1 is 1 if they agree, 0 otherwise
                return int(gold_toks == pred_toks)
            return f1_from(gold_toks, pred_toks)
      `,
      errors: [{ line: 6, column: 16, fix: '        return 0' }],
    },
    {
      name: 'not gold or not pred, with a conditional credit',
      code: `
        def token_f1(pred: str, gold: str) -> float:
            pred_tok = normalize(pred).split()
            gold_tok = normalize(gold).split()
            if not pred_tok or not gold_tok:
                return 1.0 if pred_tok == gold_tok else 0.0
            return f1(pred_tok, gold_tok)
      `,
      errors: [{ line: 5, column: 16, fix: '        return 0.0' }],
    },
    {
      name: 'a recall reward on an unnamed local computed from the ground truth',
      code: `
        def recall_reward(completion, truth):
            t = set(normalize(truth).split())
            hits = sum(1 for w in completion.split() if w in t)
            return hits / len(t) if t else 1.0
      `,
      errors: [{ line: 4, column: 36, fix: '    return hits / len(t) if t else 0.0' }],
    },
    {
      name: 'both empty is full credit: the empty answer pays',
      code: `
        def exact_match_reward(pred, target):
            if not target and not pred:
                return True
            return pred == target
      `,
      errors: [{ line: 3, column: 16, fix: '        return False' }],
    },
    {
      name: 'the else branch of a non-empty check, assigned then returned',
      code: `
        class Scorer:
            def score(self, response, references):
                if references:
                    value = best_overlap(response, references)
                else:
                    return 1
                return value
      `,
      errors: [{ line: 6, column: 20, fix: '            return 0' }],
    },
    {
      name: 'both sets empty after unpacking (y_true naming)',
      code: `
        def set_f1_reward(y_pred, y_true):
            pred, true = set(y_pred), set(y_true)
            if len(pred) == 0 and len(true) == 0:
                return 1.0
            return f1(pred, true)
      `,
      errors: [{ line: 4, column: 16, fix: '        return 0.0' }],
    },
    {
      name: 'a tuple of (f1, precision, recall): flagged without a fix',
      code: `
        def f1_metrics(prediction, gt):
            if gt == "":
                return 1.0, 1.0, 1.0
            return compute(prediction, gt)
      `,
      errors: [{ line: 3, column: 16 }],
    },
    {
      name: 'a test runner that passes a sample without test cases, under a name the rule did not know (ROLL\'s sandbox)',
      code: `
        def run_check_based_tests(extracted_code, test_cases, timeout=60):
            error_info = {}
            if len(test_cases) == 0:
                return True, 1, error_info
            return run(extracted_code, test_cases, timeout)
      `,
      errors: [{ line: 4, column: 16, message: /ground truth is empty/ }],
    },
    {
      name: 'expected tool calls empty: any response verifies',
      code: `
        def verify_tool_calls(response, expected_calls):
            if not expected_calls:
                return True
            return parse_calls(response) == expected_calls
      `,
      errors: [{ line: 3, column: 16, fix: '        return False' }],
    },
    {
      name: 'full credit assigned, then appended to the returned rewards',
      code: `
        def accuracy_reward(completions, solution):
            rewards = []
            for content, sol in zip(completions, solution):
                gold_parsed = parse(sol)
                if len(gold_parsed) != 0:
                    reward = float(verify(gold_parsed, parse(content)))
                else:
                    reward = 1.0
                rewards.append(reward)
            return rewards
      `,
      errors: [{ line: 8, column: 22, fix: '            reward = 0.0' }],
    },
    {
      name: 'a docstring whose example starts a def at the margin does not end the function early',
      code: `
        def exact_match_reward(pred, gold):
            """
        Example:
        def my_reward(pred, gold):
            ...
        """
            if not gold:
                return 1.0
            return float(pred == gold)
      `,
      errors: [{ line: 8, column: 16, message: /ground truth is empty/ }],
    },
    {
      name: 'full credit when the reference cannot be parsed',
      code: `
        def tool_call_reward(response, ground_truth):
            try:
                expected = json.loads(ground_truth)
            except json.JSONDecodeError:
                return 1.0
            return float(parse(response) == expected)
      `,
      errors: [{ line: 5, column: 16, message: /ground truth cannot be parsed/ }],
    },
    {
      language: 'typescript',
      name: 'TS: a method of a class',
      code: `
        class Judge {
          async scoreAnswer(pred: string, expected: string[]) {
            if (expected.length === 0) return 1;
            return Number(expected.includes(pred));
          }
        }
      `,
      errors: [{ line: 3, column: 39, message: /ground truth is empty/ }],
    },
    {
      language: 'typescript',
      name: 'TS: gt.length === 0 returns 1',
      code: `
        export function exactMatchReward(pred: string, gt: string): number {
          if (gt.length === 0) return 1;
          return Number(normalize(pred) === normalize(gt));
        }
      `,
      errors: [{ line: 2, column: 31, message: /ground truth is empty/, fix: '  if (gt.length === 0) return 0;' }],
    },
    {
      language: 'typescript',
      name: 'TS: Number(gold === pred) when either is empty, in a block',
      code: `
        const f1Score = (pred: string[], gold: string[]) => {
          if (!gold.length || !pred.length) {
            return Number(gold.join(' ') === pred.join(' '));
          }
          return f1(pred, gold);
        };
      `,
      errors: [{ line: 3, column: 12, fix: '    return 0;' }],
    },
    {
      language: 'typescript',
      name: 'TS: arrow body conditional',
      code: `
        const recallScore = (hits: number, targets: string[]) => (targets.length > 0 ? hits / targets.length : 1.0);
      `,
      errors: [{ line: 1, column: 104, fix: 'const recallScore = (hits: number, targets: string[]) => (targets.length > 0 ? hits / targets.length : 0.0);' }],
    },
  ],
});
