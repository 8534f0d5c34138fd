import { existsSync, readFileSync } from 'node:fs';
import type { FinishReason } from '../rollout/trajectory';

/** One line of the policy server's recording (src/policy/server.ts): a request and the cases that answered it. */
export interface RecordedRequest {
  request: number;
  /**
   * When the answer was sent, in milliseconds since the epoch with a fraction (`preciseNow`): requests of a fast loop
   * are under a millisecond apart, and a traceback is put on the answer that came just before it.
   */
  time?: number;
  endpoint: string;
  prompts?: string[];
  sampling: { n: number; max_tokens: number; temperature?: number; top_p?: number; stop: string[]; stop_token_ids: number[] };
  answers: { case: string; text: string; finish_reason: string }[];
}

/** An answer the policy served, as the checks of the dump look it up: by its text. */
export interface ServedAnswer {
  case: string;
  /** As sent, trimmed: rollout code commonly strips what the engine returns. */
  text: string;
  finishReason: FinishReason;
}

/** The recording's requests; a line that is not one (a recording cut by a killed command) is left out. */
export function readRecording(path: string): RecordedRequest[] {
  if (!existsSync(path)) return [];
  const requests: RecordedRequest[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      requests.push(JSON.parse(line) as RecordedRequest);
    } catch {
      // The server writes whole lines; only a write cut short by the end of the run can fail to parse.
    }
  }
  return requests;
}

/** Each distinct text served once (the first case that wrote it), for the join with the repository's own dump. */
export function servedAnswers(requests: readonly RecordedRequest[]): ServedAnswer[] {
  const byText = new Map<string, ServedAnswer>();
  for (const answer of requests.flatMap((r) => r.answers)) {
    const text = answer.text.trim();
    if (!byText.has(text)) byText.set(text, { case: answer.case, text, finishReason: answer.finish_reason === 'length' ? 'length' : 'stop' });
  }
  return [...byText.values()];
}

/** The clock of the recording and of the command's tracebacks: the epoch in milliseconds, to the microsecond. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
