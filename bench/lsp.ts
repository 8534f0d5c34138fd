/**
 * The language-server case of `npm run bench -- --lsp`: the bundle users run (`node dist/cli.js lsp`; `npm run build`
 * first) opens a 2,000-line training file, then takes keystrokes (`textDocument/didChange`, one character each) and
 * answers each with diagnostics (`textDocument/publishDiagnostics` of that version). Prints the first analysis (the
 * worker and the parser start) and the keystroke-to-diagnostics times after it, against the goal (< 100 ms).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const LINES = 2000;
const KEYSTROKES = 40;
/** About the pace of fast typing: each keystroke is analyzed on its own, not coalesced with the next. */
const KEYSTROKE_GAP_MS = 150;

/** One step of a GRPO trainer, numbered: each has what the rules look at (templates, rewards, advantages, masks). */
function trainingBlock(i: number): string[] {
  return `
# ---- step ${i} -------------------------------------------------------------------
def build_prompts_${i}(tokenizer, batch):
    """Render each conversation for generation."""
    prompts = []
    for messages in batch["messages"]:
        text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        prompts.append(text)
    return prompts


def rollout_${i}(llm, tokenizer, batch, sampling_params):
    prompts = build_prompts_${i}(tokenizer, batch)
    outputs = llm.generate(prompts, sampling_params)
    completions = [o.outputs[0].text for o in outputs]
    return completions


def f1_reward_${i}(prediction, ground_truth):
    pred_tokens = prediction.lower().split()
    gt_tokens = ground_truth.lower().split()
    if len(gt_tokens) == 0:
        return 0.0
    common = set(pred_tokens) & set(gt_tokens)
    if not common:
        return 0.0
    precision = len(common) / len(pred_tokens)
    recall = len(common) / len(gt_tokens)
    return 2 * precision * recall / (precision + recall)


def grpo_advantages_${i}(rewards, group_size):
    grouped = rewards.view(-1, group_size)
    mean = grouped.mean(dim=-1, keepdim=True)
    std = grouped.std(dim=-1, keepdim=True)
    advantages = (grouped - mean) / (std + 1e-6)
    return advantages.view(-1)


def policy_loss_${i}(logprobs, old_logprobs, advantages, loss_mask, clip=0.2):
    ratio = (logprobs - old_logprobs).exp()
    unclipped = ratio * advantages.unsqueeze(-1)
    clipped = ratio.clamp(1 - clip, 1 + clip) * advantages.unsqueeze(-1)
    loss = -torch.min(unclipped, clipped)
    return (loss * loss_mask).sum() / loss_mask.sum().clamp(min=1)
`.split('\n').slice(1);
}

/** The file: imports, a generation step missing its generation prompt (one RL101 finding), then numbered steps. */
export function trainingFile(): string {
  const lines = [
    'import torch',
    '',
    '',
    'def sample(llm, tokenizer, messages, params):',
    '    prompt = tokenizer.apply_chat_template(messages, tokenize=False)',
    '    return llm.generate([prompt], params)',
    '',
  ];
  for (let i = 0; lines.length < LINES; i++) lines.push(...trainingBlock(i));
  return lines.slice(0, LINES).join('\n') + '\n';
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export async function benchLsp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-review-bench-lsp-'));
  const file = join(dir, 'train.py');
  const text = trainingFile();
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const server = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiting = new Map<number, (params: PublishDiagnosticsParams) => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri === uri && params.version !== undefined) waiting.get(params.version)?.(params);
  });
  connection.listen();
  const diagnosticsOf = (version: number) => new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(version, resolve));

  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
  await connection.sendNotification(InitializedNotification.type, {});

  let started = performance.now();
  const first = diagnosticsOf(1);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text } });
  const opened = await first;
  const firstMs = performance.now() - started;

  // Typing at the end of a comment line: the text changes, the findings do not.
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('# ---- step 20'));
  const times: number[] = [];
  for (let k = 0; k < KEYSTROKES; k++) {
    const version = k + 2;
    const published = diagnosticsOf(version);
    started = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: lines[line].length + k }, end: { line, character: lines[line].length + k } }, text: 'x' }],
    });
    const diagnostics = await published;
    times.push(performance.now() - started);
    if (diagnostics.diagnostics.length !== opened.diagnostics.length) throw new Error(`keystroke ${k}: the findings changed`);
    await new Promise((resolve) => setTimeout(resolve, KEYSTROKE_GAP_MS));
  }
  connection.dispose();
  server.kill();

  const sorted = [...times].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`rl-review lsp: a ${LINES}-line training file, ${opened.diagnostics.length} diagnostics (${opened.diagnostics.map((d) => d.code).join(', ')})`);
  console.log(`first analysis (worker and parser start): ${ms(firstMs)}`);
  console.log(
    `keystroke to diagnostics, ${KEYSTROKES} keystrokes ${KEYSTROKE_GAP_MS} ms apart: median ${ms(quantile(sorted, 0.5))}, ` +
      `p90 ${ms(quantile(sorted, 0.9))}, max ${ms(sorted[sorted.length - 1])} (goal: < 100 ms)`,
  );
}
