import { fingerprintOf, type Finding } from '../../src/findings';
import { parseFilePatch } from '../../src/github/diff';
import {
  anchorFor, commentBody, findingMarker, parseExistingComment, planReview, findRejected, resolvedBody, reviewBody,
  type ExistingComment,
} from '../../src/report/review';

/** A finding of RL101 on `line` whose flagged code is `code` (the fingerprint follows the code, not the line). */
function finding(line: number, code = `prompt = tok.apply_chat_template(m${line})`, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'RL101',
    name: 'missing-generation-prompt',
    severity: 'error',
    path: 'train/rollout.py',
    line,
    column: 5,
    endLine: line,
    endColumn: 30,
    message: 'apply_chat_template() builds a generation prompt without add_generation_prompt=True',
    fingerprint: fingerprintOf('RL101', 'train/rollout.py', code),
    ...extra,
  };
}

/** GitHub's `patch` of train/rollout.py: lines 3-5 added, hunk lines 1-7 (context 1-2 and 6-7). */
const PATCH = `@@ -1,4 +1,7 @@
 import vllm
 def rollout(llm, tok, m):
+    prompt = tok.apply_chat_template(m)
+    out = llm.generate(prompt)
+    return out
 
 # end`;
const diff = new Map([['train/rollout.py', parseFilePatch('train/rollout.py', PATCH)]]);

const existingComment = (f: Finding, id: number, resolved = false): ExistingComment =>
  ({ id, path: f.path, fingerprint: f.fingerprint, ruleId: f.ruleId, name: f.name, resolved });

const plan = (findings: Finding[], existing: ExistingComment[] = [], maxComments = 25) =>
  planReview(findings, diff, existing, { maxComments, canResolve: () => true });

describe('anchorFor: where an inline comment can go', () => {
  const changes = diff.get('train/rollout.py');

  test('a finding on an added line is commented on that line', () => {
    expect(anchorFor(finding(3), changes)).toEqual({ line: 3, suggestion: false });
  });

  test('a multi-line finding inside one hunk gets a multi-line comment (start_line .. line)', () => {
    expect(anchorFor(finding(3, 'x', { endLine: 5 }), changes)).toEqual({ line: 5, startLine: 3, suggestion: false });
  });

  test('the fix lines win when they are in the diff: the comment can carry the suggestion', () => {
    const fix = { description: 'add add_generation_prompt=True', line: 3, endLine: 3, replacement: '    prompt = tok.apply_chat_template(m, add_generation_prompt=True)' };
    expect(anchorFor(finding(3, 'x', { endLine: 4, fix }), changes)).toEqual({ line: 3, suggestion: true });
  });

  test('a finding that starts above the hunk is commented on its first line in the hunk, without a suggestion', () => {
    const fix = { description: 'd', line: 0, endLine: 3, replacement: 'r' };
    expect(anchorFor(finding(0, 'x', { endLine: 3, fix }), changes)).toEqual({ line: 1, suggestion: false });
  });

  test('no comment outside the diff (GitHub would answer 422), nor without a patch', () => {
    expect(anchorFor(finding(12), changes)).toBeUndefined();
    expect(anchorFor(finding(3), undefined)).toBeUndefined();
  });
});

describe('planReview: dedup by fingerprint, resolution, max-comments', () => {
  test('first run: each finding on the diff becomes a comment; one outside the diff goes to the summary', () => {
    const onDiff = finding(3);
    const outside = finding(12);
    const result = plan([onDiff, outside]);
    expect(result.comments.map((c) => c.finding)).toEqual([onDiff]);
    expect(result.outsideDiff).toEqual([outside]);
  });

  test('re-run, rebase or an edit above: the same code has the same fingerprint, so nothing is posted again', () => {
    const firstRun = finding(3);
    const movedDown = finding(5, 'prompt = tok.apply_chat_template(m3)');
    const result = plan([movedDown], [existingComment(firstRun, 1)]);
    expect(result.comments).toEqual([]);
    expect(result.alreadyCommented).toEqual([movedDown]);
    expect(result.resolve).toEqual([]);
  });

  test('a comment whose finding is gone is resolved; a file this run could not analyze keeps its comments', () => {
    const gone = existingComment(finding(4), 7);
    expect(plan([], [gone]).resolve).toEqual([gone]);
    expect(planReview([], diff, [gone], { maxComments: 25, canResolve: () => false }).resolve).toEqual([]);
  });

  test('a resolved comment does not count: the finding is back, so it is commented again', () => {
    const back = finding(3);
    expect(plan([back], [existingComment(back, 1, true)]).comments.map((c) => c.finding)).toEqual([back]);
  });

  test('two identical lines share a fingerprint: one existing comment covers one of them', () => {
    const first = finding(3, 'same()');
    const second = finding(4, 'same()');
    const result = plan([first, second], [existingComment(first, 1)]);
    expect(result.alreadyCommented).toEqual([first]);
    expect(result.comments.map((c) => c.finding)).toEqual([second]);
  });

  test('past max-comments the rest overflow, most severe findings first, existing comments counted', () => {
    const info = finding(3, 'a', { severity: 'info' });
    const error = finding(5, 'b');
    const warning = finding(4, 'c', { severity: 'warning' });
    const result = plan([info, error, warning], [], 2);
    expect(result.comments.map((c) => c.finding)).toEqual([error, warning]);
    expect(result.overflow).toEqual([info]);

    const already = finding(1, 'd');
    expect(plan([already, error], [existingComment(already, 1)], 1).overflow).toEqual([error]);
  });
});

describe('comment bodies', () => {
  test('an inline comment starts with the hidden marker and carries rule, doc link, message and suggestion', () => {
    const fix = { description: 'add add_generation_prompt=True', line: 3, endLine: 3, replacement: '    prompt = tok.apply_chat_template(m, add_generation_prompt=True)' };
    const f = finding(3, 'x', { fix });
    const body = commentBody(f, { line: 3, suggestion: true });
    expect(body.startsWith(findingMarker(f))).toBe(true);
    expect(parseExistingComment({ id: 1, path: f.path, body })).toEqual(existingComment(f, 1));
    expect(body).toContain('[RL101 missing-generation-prompt](https://');
    expect(body).toContain('docs/rules/missing-generation-prompt.md');
    expect(body).toContain('```suggestion\n    prompt = tok.apply_chat_template(m, add_generation_prompt=True)\n```');
  });

  test('only our own top-level comments are recognized: not replies, not a marker quoted mid-text', () => {
    const body = commentBody(finding(3), { line: 3, suggestion: false });
    expect(parseExistingComment({ id: 2, path: 'a.py', body, in_reply_to_id: 1 })).toBeUndefined();
    expect(parseExistingComment({ id: 3, path: 'a.py', body: `> quoted\n${body}` })).toBeUndefined();
  });

  test('a resolved comment keeps its marker (marked resolved) and drops the suggestion', () => {
    const body = resolvedBody(existingComment(finding(3), 9), 'abcdef1234567');
    expect(parseExistingComment({ id: 9, path: 'train/rollout.py', body })?.resolved).toBe(true);
    expect(body).toContain('✅ **Resolved**');
    expect(body).toContain('`abcdef1`');
    expect(body).not.toContain('suggestion');
  });

  test('the review body lists the findings past max-comments', () => {
    const overflow = finding(4, 'z', { severity: 'warning' });
    const body = reviewBody({ ...plan([finding(3)]), overflow: [overflow] }, 'abcdef1234', 1);
    expect(body).toContain('1 new finding on the diff at `abcdef1`');
    expect(body).toContain('1 more are over `max-comments: 1`, listed below and in the summary comment.');
    expect(body).toContain('<details><summary><b>Not commented inline</b> · 1</summary>');
    expect(body).toContain('`train/rollout.py:4` RL101');
  });
});

describe('findRejected: which comments of a review GitHub rejected with 422', () => {
  const unprocessable = Object.assign(new Error('Unprocessable Entity'), { status: 422 });
  const isRejection = (error: unknown) => (error as { status?: number }).status === 422;

  test('tries halves until only the offending items are left out', async () => {
    const bad = new Set([2, 5]);
    const tries: number[][] = [];
    const result = await findRejected([1, 2, 3, 4, 5, 6], async (batch) => {
      tries.push(batch);
      if (batch.some((n) => bad.has(n))) throw unprocessable;
    }, isRejection);
    expect(result.accepted.sort()).toEqual([1, 3, 4, 6]);
    expect(result.rejected.sort()).toEqual([2, 5]);
    // The whole set is known to be rejected: it is not tried again, its halves are.
    expect(tries).not.toContainEqual([1, 2, 3, 4, 5, 6]);
    expect(tries).toContainEqual([4, 5, 6]);
    // Each offending item costs two tries per halving, not one try per item.
    expect(tries.length).toBeLessThanOrEqual(2 * bad.size * Math.ceil(Math.log2(6)));
  });

  test('a single item rejected is that item, with no try', async () => {
    const result = await findRejected([7], async () => { throw new Error('not called'); }, isRejection);
    expect(result).toEqual({ accepted: [], rejected: [7], untried: [] });
  });

  test('another error stops trying and returns what is left, so the summary can list it', async () => {
    const outage = Object.assign(new Error('Bad Gateway'), { status: 502 });
    const result = await findRejected([1, 2, 3, 4], async (batch) => {
      if (batch.includes(3)) throw outage;
    }, isRejection);
    expect(result.accepted).toEqual([1, 2]);
    expect(result.untried).toEqual([3, 4]);
    expect(result.error).toBe(outage);
  });
});
