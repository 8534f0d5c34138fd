import { growingListExtend } from '../../src/analysis/rules/growing-list-extend';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(growingListExtend, {
  valid: [
    {
      name: 'the conversation extended once, after the loop',
      code: `
        def handle_tools(agent_data, responses):
            add_messages = []
            for response in responses:
                add_messages.append({"role": "tool", "content": response.text})
            agent_data.messages.extend(add_messages)
      `,
    },
    {
      name: 'a buffer flushed and made anew in the loop',
      code: `
        def chunks(samples, size):
            out, batch = [], []
            for sample in samples:
                batch.append(sample)
                if len(batch) == size:
                    out.extend(batch)
                    batch = []
            return out
      `,
    },
    {
      name: 'a buffer flushed and cleared',
      code: `
        def drain(queue, out):
            buffer = []
            while queue:
                buffer.append(queue.pop())
                if len(buffer) > 8:
                    out.extend(buffer)
                    buffer.clear()
      `,
    },
  ],
  invalid: [
    {
      name: 'verl#3991: the growing list added on every pass',
      code: `
        async def handle_tools(self, agent_data, responses):
            add_messages = []
            for response in responses:
                message = {"role": "tool", "content": response.text or ""}
                add_messages.append(message)
                agent_data.messages.extend(add_messages)
      `,
      errors: [{ line: 6, column: 9, message: /first tool result three times/ }],
    },
  ],
});
