import { errorRolloutTrained } from '../../src/analysis/rules/error-rollout-trained';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(errorRolloutTrained, {
  valid: [
    {
      name: 'the failed rollout is masked out',
      code: `
        async def run_episode(agent, task, eos_id):
            try:
                return await agent.run(task)
            except Exception:
                return Trajectory(response_ids=[eos_id], reward=0.0, loss_mask=[0], stop_reason="error")
      `,
    },
    {
      name: 'the failed rollout is logged and dropped',
      code: `
        def collect(agent, tasks, loss_masks):
            for task in tasks:
                try:
                    ids, mask = agent.run(task)
                except TimeoutError:
                    logger.warning("rollout timed out, skipping")
                    continue
                loss_masks.append(mask)
      `,
    },
    {
      name: 'an error branch that builds zeros, as in harbor-style generators',
      code: `
        def to_outputs(trajectories, masked_ids):
            loss_masks = []
            for traj in trajectories:
                if traj.stop_reason == "error" or traj.instance_id in masked_ids:
                    loss_masks.append([0])
                    continue
                loss_masks.append([1] * len(traj.response_ids))
            return loss_masks
      `,
    },
    {
      name: 'ones on the success side of an error test',
      code: `
        def finish(response_ids, stop_reason):
            if stop_reason != "error":
                loss_mask = [1] * len(response_ids)
            else:
                loss_mask = [0] * len(response_ids)
            return loss_mask
      `,
    },
    {
      name: 'ones chosen only when the rollout did not fail',
      code: `
        def mask_for(response_ids, failed):
            loss_mask = [0] * len(response_ids) if failed else [1] * len(response_ids)
            return loss_mask
      `,
    },
    {
      name: 'an attention mask of ones is not a loss mask',
      code: `
        def pad_failed(eos_id):
            try:
                return encode()
            except Exception:
                return {"input_ids": [eos_id], "attention_mask": [1], "loss_mask": [0]}
      `,
    },
    {
      name: 'a placeholder built and then re-raised never reaches training',
      code: `
        def run(agent, task):
            try:
                return agent.run(task)
            except Exception as error:
                loss_mask = [1]
                raise RolloutError(task) from error
      `,
    },
    {
      name: 'a test named for an error builds its inputs with ones (AReaL tests)',
      code: `
        def test_zero_tau_raises_error():
            loss_mask = torch.ones(1, 1, dtype=torch.bool)
            with pytest.raises(ValueError):
                loss_fn(torch.zeros(1, 1), loss_mask, tau=0.0)
      `,
    },
  ],
  invalid: [
    {
      name: 'an error rollout with a single trained token (the agent-trainer PR fix: [1] -> [0])',
      code: `
        def to_rollout(token_messages, reward):
            if len(token_messages) > 0:
                return build(token_messages, reward)
            else:
                response_ids = [151643]
                stop_reason = "error"
                loss_mask = [1]
                return (response_ids, reward, stop_reason, loss_mask)
      `,
      errors: [{ line: 7, column: 21, message: /error path/, severity: 'warning', fix: '        loss_mask = [0]' }],
    },
    {
      name: 'a placeholder built in an except block, multi-line call',
      code: `
        async def rollout(self, task):
            try:
                return await self.agent.run(task)
            except Exception:
                return Trajectory(
                    response_ids=[self.tokenizer.eos_token_id],
                    reward=0.0,
                    loss_mask=[1],
                )
      `,
      errors: [{ line: 8, column: 23, fix: '            loss_mask=[0],' }],
    },
    {
      name: 'a stop_reason == "error" branch trains the partial tokens',
      code: `
        def collect(outputs, loss_masks):
            for out in outputs:
                if out.stop_reason == "error":
                    loss_masks.append([1] * len(out.token_ids))
                else:
                    loss_masks.append(out.mask)
      `,
      errors: [{ line: 4, column: 31, fix: '            loss_masks.append([0] * len(out.token_ids))' }],
    },
    {
      name: 'a function that builds the output of failed rollouts',
      code: `
        def _degenerate_output(self, error, pad_id):
            return AgentLoopOutput(
                prompt_ids=[pad_id],
                response_ids=[pad_id],
                response_mask=[1],
                reward_score=0.0,
            )
      `,
      errors: [{ line: 5, column: 23, fix: '        response_mask=[0],' }],
    },
    {
      name: 'a tensor of ones in an except block',
      code: `
        def score_or_placeholder(batch):
            try:
                return run_rollout(batch)
            except RuntimeError:
                batch["response_mask"] = torch.ones_like(batch["responses"])
                return batch
      `,
      errors: [{ line: 5, column: 34, fix: '        batch["response_mask"] = torch.zeros_like(batch["responses"])' }],
    },
    {
      name: 'a record marked as an error trains its token',
      code: `
        def placeholder(eos_id):
            return dict(response_ids=[eos_id], loss_mask=[1], stop_reason="rollout_error")
      `,
      errors: [{ line: 2, column: 50, fix: '    return dict(response_ids=[eos_id], loss_mask=[0], stop_reason="rollout_error")' }],
    },
  ],
});
