/**
 * The policy server as Python agent loops meet it: through the official `openai` Python client (verifiers, SkyRL's
 * remote engines and most home-grown loops use it), which reads OPENAI_BASE_URL and OPENAI_API_KEY from the
 * environment `rollout run --policy` gives the command. Chat with tools, streaming and completions with logprobs,
 * parsed by the client's own types. It needs a Python with `openai`: `.ci/run` installs it in `.venv-trl` (or set
 * RL_REVIEW_OPENAI_PYTHON); without one the test is skipped and says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cli } from '../helpers/cli';
import { makeProject } from '../helpers/project';

const PYTHON = resolve(process.env.RL_REVIEW_OPENAI_PYTHON ?? join('.venv-trl', 'bin', 'python'));

function missing(): string | undefined {
  if (!existsSync(PYTHON)) return `no Python at ${PYTHON} (.ci/run creates .venv-trl with openai; or set RL_REVIEW_OPENAI_PYTHON)`;
  const probe = spawnSync(PYTHON, ['-c', 'import openai'], { encoding: 'utf8', timeout: 60_000 });
  return probe.status === 0 ? undefined : `${PYTHON} cannot import openai: ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`;
}

const why = missing();
const test = why ? it.skip : it;
if (why) console.warn(`The openai Python client test is skipped: ${why}`);

/** An agent on the official client: a tool-calling chat turn, a streamed turn, and a completion with logprobs. */
const AGENT = `
  import json, os
  from openai import OpenAI

  client = OpenAI()  # OPENAI_BASE_URL and OPENAI_API_KEY, from rl-review
  TOOLS = [{"type": "function", "function": {"name": "search", "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}}]
  PROMPT = "<|im_start|>user\\nWhat is 6*7?<|im_end|>\\n<|im_start|>assistant\\n"
  seen = set()

  with open(os.path.join(os.environ["RL_REVIEW_OUT"], "dump.jsonl"), "w") as dump:
      for step in range(13):
          chat = client.chat.completions.create(model="policy", messages=[{"role": "user", "content": "What is 6*7?"}],
                                                tools=TOOLS, max_tokens=256, stop=["<|im_end|>"], temperature=1.0)
          message = chat.choices[0].message
          for call in message.tool_calls or []:
              json.loads(call.function.arguments)
              seen.add("tool_calls")
          text = message.content or ""
          for chunk in client.chat.completions.create(model="policy", messages=[{"role": "user", "content": "Again?"}], tools=TOOLS,
                                                      stream=True, max_tokens=256, stop=["<|im_end|>"], temperature=1.0):
              for call in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
                  json.loads(call.function.arguments)
                  seen.add("streamed tool_calls")
              seen.add("stream")
          completion = client.completions.create(model="policy", prompt=PROMPT, max_tokens=256, logprobs=1, stop=["<|im_end|>"], temperature=1.0)
          assert len(completion.choices[0].logprobs.tokens) == len(completion.choices[0].logprobs.token_logprobs)
          dump.write(json.dumps({"prompt": PROMPT, "response": text, "reward": 1.0 if "42" in text else 0.0,
                                 "group": "q", "finish_reason": chat.choices[0].finish_reason if chat.choices[0].finish_reason in ("stop", "length") else "stop"}) + "\\n")
  print("seen:", ",".join(sorted(seen)))
`;

describe('the official openai Python client against `rollout run --policy` (the adversarial mix)', () => {
  test(`parses every answer, tool calls, streams and logprobs included${why ? ` (skipped: ${why})` : ''}`, async () => {
    // Seed 3 serves the well-formed tool call to a plain and to a streamed chat request.
    const project = makeProject({ 'agent.py': AGENT, 'policy.yml': 'seed: 3\n' });
    try {
      const { code, stdout, stderr } = await cli(project, 'rollout', 'run', '--policy', 'policy.yml', '--fail-on', 'never', '--', `${PYTHON} agent.py`);
      expect(stderr).not.toContain('Traceback');
      expect(code).toBe(0);
      const recording = readFileSync(join(project, 'rl-review-policy.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      const toolCallRequests = recording.filter((r) => r.answers[0].case === 'tool-call').map((r) => r.request % 3);
      expect(toolCallRequests).toEqual(expect.arrayContaining([1, 2]));
      expect(stderr).toContain('seen: stream,streamed tool_calls,tool_calls');
      expect(recording).toHaveLength(39);
      expect(new Set(recording.map((r) => r.endpoint))).toEqual(new Set(['/v1/chat/completions', '/v1/completions']));
      // It stops on <|im_end|> and samples one way; its prompts end with the generation prompt.
      expect(stdout).toMatch(/\nPASS +stop-sequences /);
      expect(stdout).toMatch(/\nPASS +sampling-params /);
      expect(stdout).toMatch(/\nPASS +prompt-generation-header /);
      expect(stdout).toMatch(/\nPASS +environment-crash /);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);
});
