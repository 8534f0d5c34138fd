import { rewardSeesPrompt } from '../../src/analysis/rules/reward-sees-prompt';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rewardSeesPrompt, {
  valid: [
    {
      name: 'the response decoded alone, the prompt passed as context',
      code: `
        def score(self, item):
            prompt_str = self.tokenizer.decode(item.valid_prompt_ids)
            response_str = self.tokenizer.decode(item.valid_response_ids)
            return self.compute_score(solution_str=response_str, prompt=prompt_str, ground_truth=item.answer)
      `,
    },
    {
      name: 'the whole sequence decoded for logging only',
      code: `
        def score(self, prompt_ids, response_ids, answer):
            sequence = self.tokenizer.decode(torch.cat((prompt_ids, response_ids)))
            print(sequence)
            return self.compute_score(solution_str=self.tokenizer.decode(response_ids), ground_truth=answer)
      `,
    },
    {
      name: 'a reward model that takes the prompt and the response together, by a parameter named for both',
      code: `
        def rm_score(self, query_ids, response_ids):
            text = self.tokenizer.decode(torch.cat((query_ids, response_ids)))
            return self.reward_model.score(text=text)
      `,
    },
  ],
  invalid: [
    {
      name: 'prompt + response decoded and passed as solution_str (verl naive reward manager, #459)',
      code: `
        def __call__(self, data):
            for i in range(len(data)):
                item = data[i]
                valid_prompt_ids = item.batch["prompts"][-item.prompt_length:]
                valid_response_ids = item.batch["responses"][:item.response_length]
                sequences = torch.cat((valid_prompt_ids, valid_response_ids))
                sequences_str = self.tokenizer.decode(sequences)
                score = self.compute_score(data_source=item.source, solution_str=sequences_str, ground_truth=item.answer)
      `,
      errors: [{ line: 8, column: 61, message: /\`solution_str\`/, severity: 'warning' }],
    },
    {
      name: 'a positional argument whose parameter, in the same file, is named for the response',
      code: `
        def format_reward(completion, answer):
            return float("<answer>" in completion)

        def score_batch(tokenizer, query_responses, answers):
            texts = tokenizer.batch_decode(query_responses)
            return [format_reward(text, answer) for text, answer in zip(texts, answers)]
      `,
      errors: [{ line: 6, column: 27 }],
    },
  ],
});
