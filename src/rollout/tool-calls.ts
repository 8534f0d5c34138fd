/**
 * Hermes-style tool calls, the format of Qwen2.5/Qwen3 chat templates and of verl/SkyRL tool agents:
 * `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`. A malformed one is parsed by the agent loop as
 * a plain message, and the trajectory ends without a tool call.
 */
const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

export interface ToolCallScan {
  /** Tool calls attempted: opening tags, plus closing tags without one. */
  calls: number;
  malformed: number;
  /** The first malformed call: why, and where in the text. */
  problem?: { detail: string; offset: number };
}

/** Two checks scan each response, one after the other: the last scan is kept, so a response is scanned once. */
let lastScan: { text: string; scan: ToolCallScan } | undefined;

export function scanToolCalls(text: string): ToolCallScan {
  if (lastScan?.text !== text) lastScan = { text, scan: findToolCalls(text) };
  return lastScan.scan;
}

function findToolCalls(text: string): ToolCallScan {
  const scan: ToolCallScan = { calls: 0, malformed: 0 };
  const fail = (detail: string, offset: number) => {
    scan.malformed++;
    scan.problem ??= { detail, offset };
  };
  const nextOpen = occurrences(text, OPEN);
  const nextClose = occurrences(text, CLOSE);
  let position = 0;
  for (;;) {
    const open = nextOpen(position);
    const close = nextClose(position);
    if (open === -1 && close === -1) return scan;
    scan.calls++;
    if (open === -1 || (close !== -1 && close < open)) {
      fail(`${CLOSE} without ${OPEN}`, close);
      position = close + CLOSE.length;
      continue;
    }
    const followingOpen = nextOpen(open + OPEN.length);
    if (close === -1 || (followingOpen !== -1 && followingOpen < close)) {
      fail(`unclosed ${OPEN}`, open);
      position = open + OPEN.length;
      continue;
    }
    const problem = toolCallBodyProblem(text.slice(open + OPEN.length, close));
    if (problem) fail(problem, open);
    position = close + CLOSE.length;
  }
}

/**
 * The first occurrence of `tag` at or after a position, for positions that never go back. Each search starts where
 * the last one ended, and a miss is remembered: a degenerate response of thousands of tags (`</tool_call>` repeated
 * to the length limit) is read in linear time, not once per tag.
 */
function occurrences(text: string, tag: string): (from: number) => number {
  let found = text.indexOf(tag);
  return (from) => {
    if (found !== -1 && found < from) found = text.indexOf(tag, from);
    return found;
  };
}

/** Why a tool call body is not a call the agent loop can run, or undefined when it is one. */
export function toolCallBodyProblem(body: string): string | undefined {
  let call: unknown;
  try {
    call = JSON.parse(body);
  } catch {
    return 'tool call body is not valid JSON';
  }
  if (typeof call !== 'object' || call === null || Array.isArray(call)) return 'tool call body is not a JSON object';
  const { name, arguments: args } = call as { name?: unknown; arguments?: unknown };
  if (typeof name !== 'string' || !name) return "tool call has no 'name'";
  if (args === undefined || isObject(args)) return undefined;
  // Some templates write the arguments as a JSON string.
  if (typeof args === 'string') {
    try {
      if (isObject(JSON.parse(args))) return undefined;
    } catch {
      // reported below
    }
  }
  return "tool call 'arguments' is not a JSON object";
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `text` ends a model turn that called a tool, so what follows may be the tool's response. */
export function endsWithToolCall(text: string): boolean {
  return text.trimEnd().endsWith(CLOSE);
}
