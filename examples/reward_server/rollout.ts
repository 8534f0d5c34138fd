// A transformers.js rollout for the reward server's self-play tests.
import { AutoModelForCausalLM, AutoTokenizer } from '@huggingface/transformers';

type Message = { role: 'system' | 'user' | 'assistant' | 'tool'; content: string };

export async function sampleEpisode(modelId: string, messages: Message[]): Promise<string> {
  const tokenizer = await AutoTokenizer.from_pretrained(modelId);
  const model = await AutoModelForCausalLM.from_pretrained(modelId);
  // PLANTED RL101: the transformers.js form, without the generation prompt.
  const inputs = tokenizer.apply_chat_template(messages, { return_dict: true });
  const output = await model.generate({ ...inputs, max_new_tokens: 256, do_sample: true });
  return tokenizer.batch_decode(output, { skip_special_tokens: false })[0];
}
