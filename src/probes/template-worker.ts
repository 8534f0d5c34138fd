// Entry point of a template-probe process (dist/template-worker.js): probes the one model directory it is sent and
// answers with the result, or with why it could not. template-runner.ts starts it under a time and a heap limit.
import { ProbeInputError } from './probe';
import { probeTemplate } from './template-probe';
import type { TemplateProbeReply, TemplateProbeRequest } from './template-runner';

process.once('message', ({ dir, options }: TemplateProbeRequest) => {
  let reply: TemplateProbeReply;
  try {
    reply = { result: probeTemplate(dir, options) };
  } catch (error) {
    reply = error instanceof ProbeInputError ? { inputError: error.message } : { error: (error as Error).stack ?? String(error) };
  }
  process.send!(reply, () => process.disconnect());
});
