import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { makeProject } from '../helpers/project';

/**
 * `rollout run --policy`: the scripted policy is served while the smoke command runs, the command finds it in
 * OPENAI_BASE_URL, and every request it made is recorded beside the report.
 */

/** A minimal agent (Python standard library only): asks the policy, pays any answer that mentions 42, writes a dump. */
const AGENT = `
  import json, os, urllib.request

  def ask(question):
      body = json.dumps({"model": "policy", "messages": [{"role": "user", "content": question + " Tools: <tool_call>{...}</tool_call>"}], "max_tokens": 512}).encode()
      request = urllib.request.Request(os.environ["OPENAI_BASE_URL"] + "/chat/completions", body, {"content-type": "application/json"})
      with urllib.request.urlopen(request) as response:
          return json.load(response)["choices"][0]

  with open(os.path.join(os.environ["RL_REVIEW_OUT"], "dump.jsonl"), "w") as dump:
      for step in range(13):
          choice = ask("What is 6 times 7?")
          text = choice["message"]["content"] or ""
          prompt = "<|im_start|>user\\nWhat is 6 times 7?<|im_end|>\\n<|im_start|>assistant\\n"
          dump.write(json.dumps({"prompt": prompt, "response": text, "reward": 1.0 if "42" in text else 0.0,
                                 "group": "q", "finish_reason": choice["finish_reason"]}) + "\\n")
`;

const project = makeProject({ 'agent.py': AGENT });
afterAll(() => rmSync(project, { recursive: true, force: true }));

test('the agent talks to the adversarial policy; the report says what it served, the recording has every request', async () => {
  const { code, stdout, stderr } = await cli(project, 'rollout', 'run', '--policy', 'adversarial', '--fail-on', 'never', '--', 'python3 agent.py');
  expect(stderr).not.toContain('Traceback');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Smoke rollout: 13 trajectories from 1 file \(native\), 0 skipped\nthe scripted policy answered 13 requests \(/);
  expect(stdout).toContain('recording: rl-review-policy.jsonl');
  const recording = readFileSync(join(project, 'rl-review-policy.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  expect(recording).toHaveLength(13);
  // One round of the seeded order: every case once, the correct answer twice.
  const served = recording.map((line) => line.answers[0].case).sort();
  expect(new Set(served).size).toBe(12);
  // The adversarial answers reach the checks: the leaked chat headers leak chat tokens, and the reward, which pays any
  // answer that mentions 42, pays malformed tool calls that quote it.
  expect(stdout).toMatch(/\nFAIL +special-token-leak +1 of 13/);
  expect(stdout).toMatch(/\nFAIL +adversarial-rewarded +4 of 8 \(50%\) +≤ 0% +4 of 8 adversarial answers \(50%\) got a positive reward: malformed-tool-call-arguments 1 of 1, /);
  // And what the agent sent is checked: it asks for no stop on <|im_end|>, and sends chat requests only.
  expect(stdout).toMatch(/\nWARN +stop-sequences +13 of 13 \(100%\) +≤ 0% +13 of 13 requests \(100%\) set no stop on "<\|im_end\|>"/);
  expect(stdout).toMatch(/\nUNKNOWN +prompt-generation-header /);
  expect(stdout).toMatch(/\nPASS +sampling-params /);
}, 60_000);

test("the policy's correct answer comes from the reward probe's example when neither the flag nor a policy file names one", async () => {
  const dir = makeProject({
    'agent.py': AGENT,
    '.github/rl-review.yml': 'probes:\n  reward-example:\n    response: "#### 42"\n    ground_truth: "42"\nrollout:\n  policy: correct\n',
  });
  try {
    const { code } = await cli(dir, 'rollout', 'run', '--fail-on', 'never', '--', 'python3 agent.py');
    expect(code).toBe(0);
    const recording = readFileSync(join(dir, 'rl-review-policy.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(new Set(recording.map((line) => line.answers[0].text))).toEqual(new Set(['#### 42']));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
