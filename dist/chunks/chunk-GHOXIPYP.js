import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  startUntrusted,
  untrustedEnvironment
} from "./chunk-DUMR42AX.js";
import {
  ProbeInputError,
  anchorAt,
  check,
  displayPath,
  findingOf,
  probeTemplate
} from "./chunk-DF27M67T.js";
import {
  distFile
} from "./chunk-3V2J5QG7.js";
import {
  REWARD_CHECKS
} from "./chunk-J7F4CCJJ.js";

// src/probes/reward-probe.ts
import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";

// src/probes/reward-cases.ts
var QUESTION = "What is 6 times 7?";
var GROUND_TRUTH = "42";
var CORRECT_RESPONSES = [
  "42",
  "The answer is 42.",
  "6 times 7 is 42.\n#### 42",
  "6 times 7 is 42, so the answer is \\boxed{42}.",
  "6 times 7 is 42.\nAnswer: 42",
  "<think>\n6 times 7 is 42.\n</think>\n<answer>42</answer>"
];
function emptyLike(value) {
  if (Array.isArray(value)) return [];
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, emptyLike(item)]));
  return typeof value === "string" ? "" : null;
}
function wrongAnswer(answer) {
  return /^-?\d+$/.test(answer.trim()) ? String(Number(answer) + 1) : "an unrelated answer";
}
function answerIn(value) {
  if (typeof value === "string" || typeof value === "number") return String(value);
  const items = Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [];
  return items.map(answerIn).find(Boolean) ?? "";
}
var WRONG_ANSWER_CASE = {
  meta: REWARD_CHECKS.wrongAnswer,
  situation: "for the correct response with its answer replaced by a wrong one",
  consequence: "it does not grade the answer, so every answer in the right format pays. If it is a format reward, probe it with --style trl or ignore this",
  expectation: "below-full",
  readsGroundTruth: true,
  samples: ({ groundTruth, response }) => {
    const answer = answerIn(groundTruth);
    if (!answer || !response.includes(answer)) return [];
    return [{ groundTruth, response: response.split(answer).join(wrongAnswer(answer)) }];
  }
};
var ADVERSARIAL_CASES = [
  {
    meta: REWARD_CHECKS.emptyTruthEmptyResponse,
    situation: "when the ground truth and the response are both empty",
    consequence: "every unlabeled sample teaches the policy that an empty answer pays. Return 0 when the ground truth is empty, or drop those samples",
    expectation: "below-full",
    readsGroundTruth: true,
    samples: (correct) => [{ groundTruth: emptyLike(correct.groundTruth), response: "" }]
  },
  {
    meta: REWARD_CHECKS.emptyTruthAnyResponse,
    situation: "for a non-empty response when the ground truth is empty",
    consequence: "unlabeled samples pay whatever the policy writes. Return 0 when the ground truth is empty, or drop those samples",
    expectation: "below-full",
    readsGroundTruth: true,
    samples: (correct) => [{ groundTruth: emptyLike(correct.groundTruth), response: correct.response }]
  },
  {
    meta: REWARD_CHECKS.malformedToolCall,
    situation: "for a tool call whose JSON does not parse",
    consequence: "the policy is paid for calls the environment cannot execute, and malformed calls spread. Parse the call before scoring it",
    expectation: "below-full",
    samples: ({ groundTruth }) => [
      { groundTruth, response: `<tool_call>
{"name": "submit_answer", "arguments": {"answer": ${JSON.stringify(answerIn(groundTruth))}}
</tool_call>` }
    ]
  },
  {
    meta: REWARD_CHECKS.leakedChatTokens,
    situation: "for a correct answer inside leaked <|im_start|>/<|im_end|> chat headers",
    consequence: "a policy that runs past the end of its turn is paid in full, so nothing discourages the runaway <|im_start|> repetition. Pay less when the response holds chat headers",
    expectation: "below-full",
    samples: ({ groundTruth, response }) => [
      { groundTruth, response: `<|im_start|>assistant
${response}<|im_end|>
<|im_start|>user
Is that right?<|im_end|>
<|im_start|>assistant
` }
    ]
  },
  {
    meta: REWARD_CHECKS.truncatedResponse,
    situation: "for a truncated response that mentions the answer but never gives it",
    consequence: "the reward finds the answer anywhere in the text, so rambling that mentions it pays. Score only the final answer",
    expectation: "below-full",
    samples: ({ groundTruth }) => [
      { groundTruth, response: `<think>
Let me work this out. It might be ${answerIn(groundTruth)}, but let me double-check by working it out another wa` }
    ]
  },
  {
    meta: REWARD_CHECKS.deterministic,
    situation: "for the same input twice",
    consequence: "noise in the reward is variance the advantage estimate cannot remove. Seed or remove the randomness",
    expectation: "same-twice",
    samples: (correct) => [correct, correct]
  },
  {
    meta: REWARD_CHECKS.nonStringInput,
    situation: "for a right answer whose ground truth is a number, a list or None instead of a string",
    consequence: "datasets store numbers and lists as ground truth (a parquet column of integers, a list of accepted answers): such samples either stop the training run or never pay. Convert the ground truth with str() (or check its type) before comparing",
    expectation: "no-error",
    readsGroundTruth: true,
    // A number is what datasets store in other forms; text (a SQL query) or a structure (`{"target": [...]}`) is the reward's own.
    samples: ({ groundTruth, response }) => {
      if (typeof groundTruth !== "string" || !/^-?\d+(\.\d+)?$/.test(groundTruth.trim())) return [];
      const forms = [Number(groundTruth), [groundTruth]].map((form) => ({ groundTruth: form, response, paysInFull: true }));
      return [...forms, { groundTruth: null, response }];
    }
  },
  {
    meta: REWARD_CHECKS.hugeInput,
    situation: "for a huge response (700 KB of text, a 20,000-digit answer)",
    consequence: "one runaway generation stops or stalls the training run",
    expectation: "no-error",
    samples: ({ groundTruth, response }) => [
      { groundTruth, response: "Let me think. ".repeat(5e4) + response },
      { groundTruth, response: `The answer is \\boxed{${"9".repeat(2e4)}}.
#### ${"9".repeat(2e4)}
Answer: ${"9".repeat(2e4)}` }
    ]
  }
];
function scoreOf(value) {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return Number(value);
  if (Array.isArray(value)) return value.length === 1 ? scoreOf(value[0]) : void 0;
  if (value && typeof value === "object") {
    const result = value;
    return scoreOf(result.score ?? result.reward);
  }
  return void 0;
}
var formatScore = (score) => String(Number(score.toFixed(4)));
function paidText(outcome) {
  switch (outcome.kind) {
    case "timeout":
      return `hung (> ${outcome.seconds} s)`;
    case "error":
      return `raised ${outcome.error.split(":")[0]}`;
    case "value": {
      const score = scoreOf(outcome.value);
      return score === void 0 ? String(JSON.stringify(outcome.value)).slice(0, 40) : formatScore(score);
    }
  }
}
function paidPhrase(score) {
  return score < 0 ? `${formatScore(score)} (a penalty)` : formatScore(score);
}
function brokenCall(outcome) {
  if (outcome.kind === "error") return `raises ${outcome.error}`;
  if (outcome.kind === "timeout") return `does not return within ${outcome.seconds} s`;
  return void 0;
}
var EXAMPLE_HINT = "give one real example it pays (probes.reward-example in .github/rl-review.yml, or --example FILE with response, ground_truth and extra_info) and the other cases are built from it";
function judgeCorrectAnswer(functionName, tried, outcomes, paidMost, fromExample) {
  const meta = REWARD_CHECKS.correctAnswer;
  const actual = outcomes.map(paidText).join(", ");
  const evidence = { samples: tried.map((sample) => ({ groundTruth: sample.groundTruth, response: abbreviate(sample.response) })), paid: outcomes.map(paidText) };
  if (paidMost && paidMost.score > 0) {
    const message2 = `${functionName} pays ${formatScore(paidMost.score)} for the correct answer ${JSON.stringify(paidMost.sample.response)}: the full reward the other cases are held to.`;
    return check(meta, "pass", { expected: "> 0", actual: formatScore(paidMost.score), message: message2, evidence });
  }
  const broken = outcomes.map(brokenCall).find(Boolean);
  const scores = outcomes.flatMap((outcome) => outcome.kind === "value" ? scoreOf(outcome.value) ?? [] : []);
  const paid = broken ?? (new Set(scores).size === 1 && scores.length === outcomes.length ? `pays ${paidPhrase(scores[0])}` : `pays ${actual}`);
  if (fromExample) {
    return check(meta, "fail", { expected: "> 0", actual, message: `${functionName} ${paid} for the configured example, a correct answer; the other cases are not judged.`, evidence });
  }
  const message = `${functionName} ${paid} for the probe's correct answers (${CORRECT_RESPONSES.length} formats: plain, "#### 42", \\boxed{42}, "Answer: 42", <answer> tags; ground truth "42"): the probe cannot tell a broken reward from an answer format or a ground truth it does not know. To judge it, ${EXAMPLE_HINT}.`;
  return check(meta, "note", { expected: "> 0", actual, message, evidence });
}
function judgeCase(rewardCase, functionName, samples, outcomes, full) {
  const { meta, situation, consequence, expectation } = rewardCase;
  const expected = expectation === "below-full" ? `< ${formatScore(full)}` : expectation === "same-twice" ? "the same twice" : samples.some((sample) => sample.paysInFull) ? `\u2265 ${formatScore(full / 2)}, no error` : "a score, no error";
  const actual = outcomes.map(paidText).join(", ");
  const evidence = {
    samples: samples.map((sample) => ({ groundTruth: sample.groundTruth, response: abbreviate(sample.response) })),
    paid: outcomes.map(paidText)
  };
  const broken = outcomes.map(brokenCall).find(Boolean);
  const failure = broken ?? wrongPayment(expectation, samples, outcomes, full);
  if (!failure) return check(meta, "pass", { expected, actual, message: `${functionName} returns ${actual} ${situation}.`, evidence });
  const why = broken && expectation !== "no-error" ? "one such sample stops or stalls the training run" : consequence;
  return check(meta, "fail", { expected, actual, message: `${functionName} ${failure} ${situation}: ${why}.`, evidence });
}
function wrongPayment(expectation, samples, outcomes, full) {
  const scores = outcomes.map((outcome) => outcome.kind === "value" ? scoreOf(outcome.value) : void 0);
  switch (expectation) {
    case "below-full": {
      const paidInFull = scores.find((score) => score !== void 0 && score >= full);
      return paidInFull === void 0 ? void 0 : `pays ${formatScore(paidInFull)}, the full reward,`;
    }
    case "same-twice": {
      const [first, second] = outcomes;
      return JSON.stringify(first) === JSON.stringify(second) ? void 0 : `pays ${paidText(first)} and then ${paidText(second)}`;
    }
    case "no-error": {
      const short = samples.findIndex((sample, index) => sample.paysInFull && (scores[index] ?? -Infinity) < full / 2);
      if (short < 0) return void 0;
      const score = scores[short];
      return `pays ${score === void 0 ? paidText(outcomes[short]) : paidPhrase(score)}, not ${formatScore(full)}, when the ground truth is ${JSON.stringify(samples[short].groundTruth)}`;
    }
  }
}
function abbreviate(text) {
  return text.length <= 200 ? text : `${text.slice(0, 80)}\u2026 (${text.length} characters) \u2026${text.slice(-80)}`;
}

// src/probes/reward-runner.ts
import { fileURLToPath } from "node:url";
var IMPORT_SECONDS = 60;
var OUTPUT_LIMIT_BYTES = 8 * 1024 * 1024;
var RewardProcess = class _RewardProcess {
  constructor(running, messages, label, timeoutSeconds, signature) {
    this.running = running;
    this.messages = messages;
    this.label = label;
    this.timeoutSeconds = timeoutSeconds;
    this.signature = signature;
  }
  running;
  messages;
  label;
  timeoutSeconds;
  signature;
  static async start(reward, options) {
    const [command, args] = harnessCommand(reward, options.python);
    let running;
    try {
      running = startUntrusted({ command: [command, ...args], cwd: options.cwd, env: process.env, stdin: true });
    } catch (error) {
      throw new ProbeInputError(`cannot run ${command}: ${error.code ?? error.message}`);
    }
    running.stdin?.on("error", () => {
    });
    const spawnFailed = running.exited.then((exit) => {
      if (exit.spawnError) throw new ProbeInputError(`cannot run ${command}: ${exit.spawnError.code ?? exit.spawnError.message}`);
      return new Promise(() => {
      });
    });
    const messages = new MessageReader(running);
    const importSeconds = Math.max(IMPORT_SECONDS, options.timeoutSeconds);
    const first = await Promise.race([messages.next(importSeconds), spawnFailed]);
    if (first === "timeout" || !first?.ready) {
      await running.stop();
      const reason = messages.overflow ? overflowText(messages.overflow) : first === "timeout" ? `importing it took more than ${importSeconds} s` : first?.error ?? `the harness exited: ${messages.stderrTail.trim().split("\n").slice(-3).join(" ") || "no output"}`;
      throw new ProbeInputError(`${reward.label}: cannot load the reward function: ${reason}`);
    }
    return new _RewardProcess(running, messages, reward.label, options.timeoutSeconds, first.ready);
  }
  async call(request) {
    this.messages.startCall();
    this.running.stdin?.write(JSON.stringify(request) + "\n");
    const reply = await this.messages.next(this.timeoutSeconds);
    if (reply === "timeout") {
      await this.close();
      return { kind: "timeout", seconds: this.timeoutSeconds };
    }
    if (!reply) {
      const exit = await this.running.stop();
      if (this.messages.overflow) throw new ProbeInputError(`${this.label}: ${overflowText(this.messages.overflow)}`);
      return { kind: "error", error: `the reward process exited (${exit.signal ? `killed by ${exit.signal}` : `code ${exit.exitCode}`})` };
    }
    return reply.error !== void 0 ? { kind: "error", error: reply.error } : { kind: "value", value: reply.value };
  }
  /** Ends the reward process and every process it started (a reward may start workers, or a daemon). */
  async close() {
    await this.running.stop();
  }
};
function overflowText(stream) {
  return `the reward function wrote more than ${OUTPUT_LIMIT_BYTES / 1024 / 1024} MiB to ${stream} in one call; it was stopped`;
}
function harnessCommand(reward, python) {
  if (reward.language === "python") return [python, [harnessPath("reward_harness.py"), reward.file, reward.name]];
  const isTypeScript = /\.[mc]?ts$/.test(reward.file);
  if (isTypeScript && !nodeStripsTypes()) {
    throw new ProbeInputError(`${reward.label}: TypeScript reward functions need Node.js 22.6 or newer (this is ${process.version}); point --function at the compiled .js`);
  }
  const flags = isTypeScript ? ["--experimental-strip-types", "--no-warnings"] : [];
  return [process.execPath, [...flags, harnessPath("reward_harness.mjs"), reward.file, reward.name]];
}
function nodeStripsTypes() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  return major > 22 || major === 22 && minor >= 6;
}
function harnessPath(name) {
  return distFile(name) ?? fileURLToPath(new URL(`./${name}`, import.meta.url));
}
var MessageReader = class {
  constructor(running) {
    this.running = running;
    running.stdout.on("data", (chunk) => {
      if (!this.within("stdout", chunk.length)) return;
      let start = 0;
      for (let end = chunk.indexOf(10); end >= 0; start = end + 1, end = chunk.indexOf(10, start)) {
        this.line.push(chunk.subarray(start, end));
        this.receive(Buffer.concat(this.line).toString("utf8"));
        this.line = [];
      }
      if (start < chunk.length) this.line.push(chunk.subarray(start));
    });
    running.stderr.on("data", (chunk) => {
      if (this.within("stderr", chunk.length)) this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2e3);
    });
    running.stdout.on("close", () => {
      this.closed = true;
      this.waiting?.(void 0);
    });
  }
  running;
  queue = [];
  waiting;
  closed = false;
  line = [];
  written = { stdout: 0, stderr: 0 };
  overflow;
  /** The end of what it wrote to stderr, for an error at import. */
  stderrTail = "";
  /** A new call: its own output budget (a line left unfinished keeps counting against it). */
  startCall() {
    this.written = { stdout: this.line.reduce((bytes, part) => bytes + part.length, 0), stderr: 0 };
  }
  /** The next message; undefined when the process has exited, 'timeout' when none came in time. */
  next(seconds) {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closed) return Promise.resolve(void 0);
    return new Promise((resolve2) => {
      const timer = setTimeout(() => {
        this.waiting = void 0;
        resolve2("timeout");
      }, seconds * 1e3);
      this.waiting = (message) => {
        clearTimeout(timer);
        this.waiting = void 0;
        resolve2(message);
      };
    });
  }
  within(stream, bytes) {
    if (this.overflow) return false;
    this.written[stream] += bytes;
    if (this.written[stream] <= OUTPUT_LIMIT_BYTES) return true;
    this.overflow = stream;
    this.line = [];
    void this.running.stop();
    return false;
  }
  receive(line) {
    const message = parseMessage(line);
    if (!message) return;
    if (this.waiting) this.waiting(message);
    else this.queue.push(message);
  }
};
function parseMessage(line) {
  try {
    const message = JSON.parse(line);
    return message && typeof message === "object" && !Array.isArray(message) ? message : void 0;
  } catch {
    return void 0;
  }
}

// src/probes/reward-probe.ts
var DEFAULT_CALL_TIMEOUT_SECONDS = 10;
var DEFAULT_DATA_SOURCE = "rl-review/probe";
var EXPECTED_CALL = {
  verl: "compute_score(data_source=, solution_str=, ground_truth=, extra_info=), verl's call of a custom reward function",
  trl: "reward_func(prompts=, completions=, completion_ids=, **dataset_columns), TRL's call of a reward function"
};
var TRL_ARGUMENTS = /* @__PURE__ */ new Set(["prompts", "completions", "completion_ids", "trainer_state"]);
var TRUTH_COLUMNS = ["ground_truth", "solution", "answer"];
var LANGUAGE_BY_EXTENSION = {
  ".py": "python",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".ts": "javascript",
  ".mts": "javascript",
  ".cts": "javascript"
};
async function probeReward(options) {
  const { reward, anchor } = locateReward(options.target, options.cwd);
  if (reward.language === "javascript" && options.style !== "verl") {
    throw new ProbeInputError(`--style ${options.style} is for Python reward functions; ${reward.label} is called like verl's compute_score`);
  }
  const running = await RewardProcess.start(reward, options);
  let checks;
  try {
    checks = await runCases(running, reward, options);
  } finally {
    await running.close();
  }
  return {
    report: { probe: "reward", target: reward.label, checks },
    findings: checks.flatMap((probeCheck) => findingOf(probeCheck, anchor) ?? [])
  };
}
async function runCases(running, reward, options) {
  const call = async (sample, shape2) => usable(await running.call(requestFor(sample, shape2, reward, running.signature, options)), reward, running.signature, options);
  const shapes = options.style === "trl" ? ["text", "conversational"] : ["text"];
  const { example } = options;
  const correctSamples = example ? [{ groundTruth: example.ground_truth, response: example.response }] : CORRECT_RESPONSES.map((response) => ({ groundTruth: GROUND_TRUTH, response }));
  let paidMost;
  const tried = [];
  const correctOutcomes = [];
  for (const shape2 of shapes) {
    for (const sample of correctSamples) {
      const outcome = await call(sample, shape2);
      tried.push(sample);
      correctOutcomes.push(outcome);
      const score = outcome.kind === "value" ? scoreOf(outcome.value) : void 0;
      if (score !== void 0 && score > (paidMost?.score ?? -Infinity)) paidMost = { sample, score, shape: shape2 };
      if (outcome.kind === "timeout") break;
    }
    if (correctOutcomes.at(-1)?.kind === "timeout") break;
  }
  const correctCheck = judgeCorrectAnswer(reward.name, tried, correctOutcomes, paidMost, Boolean(example));
  const cases = [WRONG_ANSWER_CASE, ...ADVERSARIAL_CASES];
  if (correctCheck.status !== "pass" || !paidMost) {
    return [correctCheck, ...cases.map((rewardCase) => skipped(rewardCase, "Not judged: with no correct answer it pays, the probe has no full reward to compare with."))];
  }
  const { sample: correct, score: full, shape } = paidMost;
  const checks = [correctCheck];
  let groundTruthUnread = takesNoGroundTruth(running.signature, options) ? `Not judged: ${reward.name} takes no ground truth.` : void 0;
  for (const [index, rewardCase] of cases.entries()) {
    if (rewardCase.readsGroundTruth && groundTruthUnread) {
      checks.push(skipped(rewardCase, groundTruthUnread));
      continue;
    }
    const samples = rewardCase.samples(correct);
    if (!samples.length) {
      checks.push(skipped(rewardCase, `Not judged: the case needs a ground truth ${rewardCase === WRONG_ANSWER_CASE ? "whose answer the correct response spells out" : "that is a number written as a string"}.`));
      continue;
    }
    const outcomes = [];
    for (const sample of samples) {
      const outcome = await call(sample, shape);
      outcomes.push(outcome);
      if (outcome.kind === "timeout") break;
    }
    const judged = judgeCase(rewardCase, reward.name, samples, outcomes, full);
    if (rewardCase === WRONG_ANSWER_CASE && judged.status === "fail" && outcomes.every((outcome) => outcome.kind === "value")) {
      groundTruthUnread = `Not judged: ${reward.name} pays the full reward whatever the answer.`;
      if (options.style === "trl") {
        checks.push({ ...judged, status: "skip", message: `${reward.name} pays ${judged.actual} for a wrong answer in the right format: a format reward, so the ground-truth cases are not judged.` });
        continue;
      }
    }
    checks.push(judged);
    if (outcomes.some((outcome) => outcome.kind === "timeout")) {
      return [...checks, ...cases.slice(index + 1).map((later) => skipped(later, "Not run: the reward function hung on an earlier case."))];
    }
  }
  return checks;
}
function skipped(rewardCase, message) {
  return check(rewardCase.meta, "skip", { expected: "", actual: "", message });
}
function takesNoGroundTruth(signature, options) {
  return options.style === "trl" && !signature.varkw && signature.parameters.every((parameter) => TRL_ARGUMENTS.has(parameter));
}
function usable(outcome, reward, signature, options) {
  if (outcome.kind !== "error") return outcome;
  if (/^(ModuleNotFoundError|ImportError): /.test(outcome.error)) {
    throw new ProbeInputError(
      `${reward.label}: the reward function needs a module that ${options.python} does not have: ${outcome.error}. Install the project's requirements there, or point --python (probes.python) at the project's environment`
    );
  }
  const atCall = /^TypeError: (.*) \(reward_harness\.py:\d+\)$/.exec(outcome.error);
  if (atCall) {
    throw new ProbeInputError(
      `${reward.label}: ${reward.name}${signature.text ?? ""} cannot be called as ${EXPECTED_CALL[options.style]}: ${atCall[1]}. Point --function at a function called that way${options.style === "verl" ? " (verl's default_compute_score, which dispatches on data_source, or a wrapper)" : " (a wrapper that calls this one)"}`
    );
  }
  return outcome;
}
function requestFor(sample, shape, reward, signature, options) {
  const extraInfo = options.example?.extra_info ?? {};
  if (options.style === "verl") {
    const dataSource = options.example?.data_source ?? options.dataSource;
    return reward.language === "python" ? { kwargs: { data_source: dataSource, solution_str: sample.response, ground_truth: sample.groundTruth, extra_info: extraInfo } } : { args: [dataSource, sample.response, sample.groundTruth, extraInfo] };
  }
  const conversational = shape === "conversational";
  const prompt = options.example?.prompt ?? QUESTION;
  const kwargs = {
    prompts: [conversational ? [{ role: "user", content: prompt }] : prompt],
    completions: [conversational ? [{ role: "assistant", content: sample.response }] : sample.response]
  };
  const named = signature.parameters.filter((parameter) => !TRL_ARGUMENTS.has(parameter));
  for (const [column, value] of Object.entries(extraInfo)) {
    if (signature.varkw || named.includes(column)) kwargs[column] = [value];
  }
  const truthColumns = named.length ? named.filter((column) => !(column in extraInfo)) : signature.varkw ? TRUTH_COLUMNS : [];
  for (const column of truthColumns) kwargs[column] = [sample.groundTruth];
  if (signature.varkw || signature.parameters.includes("completion_ids")) kwargs.completion_ids = [[]];
  return { kwargs };
}
function locateReward(target, cwd) {
  const colon = target.lastIndexOf(":");
  const [file, name] = [target.slice(0, colon), target.slice(colon + 1)];
  if (colon <= 0 || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new ProbeInputError(`--function ${target}: expected FILE:FUNCTION, like rewards.py:compute_score`);
  }
  const language = LANGUAGE_BY_EXTENSION[file.slice(file.lastIndexOf(".")).toLowerCase()];
  if (!language) throw new ProbeInputError(`--function ${target}: ${file} is not a Python, JavaScript or TypeScript file`);
  const absolutePath = resolve(cwd, file);
  const path = relative(cwd, absolutePath).split(sep).join("/");
  let source;
  try {
    source = readFileSync(absolutePath, "utf8");
  } catch (error) {
    throw new ProbeInputError(`${path}: cannot read: ${error.code ?? error.message}`);
  }
  const definition = definitionPatterns(name, language).map((pattern) => pattern.exec(source)).find(Boolean);
  const nameAt = definition ? definition.index + definition[0].length - name.length : 0;
  return {
    reward: { file: absolutePath, label: `${path}:${name}`, name, language },
    anchor: anchorAt(path, source, nameAt, definition ? name.length : 0)
  };
}
function definitionPatterns(name, language) {
  if (language === "python") return [new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${name}\\b`, "m"), new RegExp(`^${name}(?=[ \\t]*=[^=])`, "m")];
  if (name === "default") return [/\bexport\s+default/];
  const escaped = name.replace(/\$/g, "\\$");
  return [new RegExp(`\\bfunction\\s*\\*?\\s*${escaped}(?![\\w$])`), new RegExp(`\\b(?:const|let|var)\\s+${escaped}(?![\\w$])`)];
}

// src/probes/template-runner.ts
import { fork } from "node:child_process";
var TEMPLATE_PROBE_LIMITS = { timeoutMs: 6e4, heapMb: 1024 };
var STDERR_KEPT = 4096;
function probeTemplateIsolated(dir, options, limits = TEMPLATE_PROBE_LIMITS, script = distFile("template-worker.js")) {
  if (!script) return new Promise((resolve2) => resolve2(probeTemplate(dir, options)));
  const shown = displayPath(dir, options.cwd);
  return new Promise((resolve2, reject) => {
    const child = fork(script, {
      // Not the parent's flags (a loader, --inspect): plain bundled code, as the worker pools run.
      execArgv: [`--max-old-space-size=${limits.heapMb}`],
      env: untrustedEnvironment(process.env),
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced"
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT));
    let settled = false;
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      outcome();
    };
    const fail = (message) => settle(() => reject(new ProbeInputError(`${shown}: ${message}`)));
    const watchdog = setTimeout(() => {
      fail(`stopped after ${limits.timeoutMs / 1e3} s: a template loop or a tokenizer pattern that does not end`);
      child.kill("SIGKILL");
    }, limits.timeoutMs);
    child.on("message", (reply) => {
      if ("result" in reply) settle(() => resolve2(reply.result));
      else if ("inputError" in reply) settle(() => reject(new ProbeInputError(reply.inputError)));
      else fail(`the probe failed: ${reply.error}`);
    });
    child.on("error", (error) => fail(`the probe could not run: ${error.message}`));
    child.on("close", (code, signal) => {
      if (/heap out of memory/.test(stderr)) fail(`stopped at its ${limits.heapMb} MB memory limit: a template that builds huge lists or text`);
      else fail(`the probe stopped (${signal ?? `exit code ${code}`})${stderr.trim() ? `: ${stderr.trim().split("\n").slice(-1)[0]}` : ""}`);
    });
    child.send({ dir, options });
  });
}

export {
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_DATA_SOURCE,
  probeReward,
  probeTemplateIsolated
};
