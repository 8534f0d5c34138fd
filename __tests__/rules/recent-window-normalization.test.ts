import { recentWindowNormalization } from '../../src/analysis/rules/recent-window-normalization';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(recentWindowNormalization, {
  valid: [
    {
      name: 'a GRPO estimator with a discount but no learned critic keeps its exemption',
      code: `
        def compute_grpo_advantage(rewards, gamma=1.0):
            returns = discount(rewards, gamma)
            return (returns - rewards.mean()) / (rewards.std() + 1e-6)
      `,
    },
    {
      name: 'running mean/std over all data seen (Welford)',
      code: `
        class RewardNormalizer:
            def __init__(self):
                self.count, self.mean, self.m2 = 0, 0.0, 0.0

            def update(self, reward):
                self.count += 1
                delta = reward - self.mean
                self.mean += delta / self.count
                self.m2 += delta * (reward - self.mean)

            def __call__(self, reward):
                self.update(reward)
                return reward / (math.sqrt(self.m2 / self.count) + 1e-8)
      `,
    },
    {
      name: 'running mean/std with the parallel-variance (batch) update',
      code: `
        class ObsNormalizer:
            def update(self, obs):
                batch_mean, batch_var, batch_count = obs.mean(0), obs.var(0), obs.shape[0]
                delta = batch_mean - self.mean
                total = self.count + batch_count
                self.mean = self.mean + delta * batch_count / total
                m2 = self.var * self.count + batch_var * batch_count + delta**2 * self.count * batch_count / total
                self.var, self.count = m2 / total, total

            def normalize(self, obs):
                return (obs - self.mean) / np.sqrt(self.var + 1e-8)
      `,
    },
    {
      name: 'advantage whitening per batch',
      code: `
        def update(batch):
            advantages = batch["advantages"]
            advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8)
            return advantages
      `,
    },
    {
      name: 'GRPO: per-group statistics',
      code: `
        def score(rewards, num_generations):
            mean_grouped = rewards.view(-1, num_generations).mean(dim=1).repeat_interleave(num_generations)
            std_grouped = rewards.view(-1, num_generations).std(dim=1).repeat_interleave(num_generations)
            return (rewards - mean_grouped) / (std_grouped + 1e-4)
      `,
    },
    {
      name: 'GRPO group norm assigned back to rewards: a reduction along the group dimension',
      code: `
        rewards = rewards.reshape(-1, n_samples_per_prompt)
        rewards = (rewards - rewards.mean(-1, keepdim=True)) / (rewards.std(-1, keepdim=True) + 1e-9)
      `,
    },
    {
      name: 'batch statistics of the rewards inside an advantage estimator',
      code: `
        def compute_batch_normalized_advantage(rewards, eps=1e-6):
            scores = rewards.sum(-1)
            return (scores - scores.mean()) / (scores.std() + eps)
      `,
    },
    {
      name: 'batch statistics, the result is the advantage',
      code: `
        adv = (rewards - rewards.mean()) / (rewards.std() + 1e-8)
      `,
    },
    {
      name: 'REINFORCE: per-batch normalized returns are the policy-gradient weight',
      code: `
        def finish_episode(policy, returns):
            returns = torch.tensor(returns)
            returns = (returns - returns.mean()) / (returns.std() + 1e-8)
            return -(policy.saved_log_probs * returns).sum()
      `,
    },
    {
      name: 'an offline dataset standardized with its own statistics: all the data there is',
      code: `
        def load_preference_data(records):
            rewards = torch.tensor([float(r["reward"]) for r in records])
            rewards = (rewards - rewards.mean()) / rewards.std()
            observations = np.stack([r["obs"] for r in records])
            observations = (observations - observations.mean(0)) / (observations.std(0) + 1e-3)
            return rewards, observations
      `,
    },
    {
      name: 'a deque of recent episode returns for logging only',
      code: `
        episode_returns = deque(maxlen=100)
        def log(writer, step):
            writer.add_scalar("return/mean", np.mean(episode_returns), step)
            writer.add_scalar("return/std", np.std(episode_returns), step)
      `,
    },
    {
      name: 'statistics of every reward seen so far',
      code: `
        class RewardScaler:
            def __init__(self):
                self.history = []

            def __call__(self, reward):
                self.history.append(reward)
                return reward / (np.std(self.history) + 1e-8)
      `,
    },
    {
      name: 'a moving-average baseline is subtracted, not divided by',
      code: `
        class Reinforce:
            def step(self, reward, log_prob):
                self.baseline = 0.9 * self.baseline + 0.1 * reward
                return -(reward - self.baseline) * log_prob
      `,
    },
    {
      name: 'a recent window of something else than observations or rewards',
      code: `
        class LatencyMonitor:
            def __init__(self):
                self.latencies = deque(maxlen=50)

            def zscore(self, latency):
                return (latency - np.mean(self.latencies)) / np.std(self.latencies)
      `,
    },
    {
      name: 'an exponential moving average of parameters (model EMA), not of a statistic',
      code: `
        def update_target(target, online, tau=0.005):
            for t, o in zip(target.parameters(), online.parameters()):
                t.data.mul_(1 - tau).add_(o.data, alpha=tau)
      `,
    },
  ],
  invalid: [
    {
      name: 'rewards whitened per batch inside an advantage function that fits a learned critic (GAE)',
      code: `
        def compute_gae_advantage_return(token_level_rewards, values, response_mask, gamma, lam):
            token_level_rewards = masked_whiten(token_level_rewards, response_mask)
            return gae(token_level_rewards, values, response_mask, gamma, lam)
      `,
      errors: [{ line: 2, column: 27, message: /masked_whiten\(token_level_rewards, \.\.\.\)/ }],
    },
    {
      name: 'the "batch" mode of a string-dispatched reward normalizer',
      code: `
        def reward_norm(response_level_rewards, norm_mean_type=None, norm_std_type=None):
            if norm_mean_type == "batch":
                reward_mean = response_level_rewards.mean()
            else:
                reward_mean = 0.0
            if norm_std_type == "batch":
                reward_std = response_level_rewards.std()
            elif norm_std_type == "running":
                reward_std = running.std
            rewards = response_level_rewards
            return (rewards - reward_mean) / (reward_std + 1e-6)
      `,
      errors: [{ line: 11, column: 12, message: /"batch" mode/, severity: 'info' }],
    },
    {
      name: 'a deque(maxlen=...) window of rewards',
      code: `
        class RewardScaler:
            def __init__(self):
                self.window = deque(maxlen=1000)

            def __call__(self, reward):
                self.window.append(reward)
                return reward / (np.std(self.window) + 1e-8)
      `,
      errors: [{ line: 7, column: 16, message: /`self\.window`, a deque\(maxlen=1000\)/, severity: 'warning' }],
    },
    {
      name: 'the last N values, through intermediate names',
      code: `
        def normalize_return(ret, history):
            recent = history[-1000:]
            mu, sigma = np.mean(recent), np.std(recent)
            return (ret - mu) / (sigma + 1e-8)
      `,
      errors: [{ line: 4, column: 12, message: /`history\[-1000:\]`, the last 1000 values/ }],
    },
    {
      name: 'observations, multi-line, slice inside the call',
      code: `
        def preprocess(self, obs):
            normalized = (obs - np.mean(self.obs_history[-n:], axis=0)) / (
                np.std(self.obs_history[-n:], axis=0) + 1e-8
            )
            return np.clip(normalized, -5, 5)
      `,
      errors: [{ line: 2, column: 18, endLine: 4, message: /the last n values/ }],
    },
    {
      name: 'a list kept as a sliding window with pop(0)',
      code: `
        class RewardStandardizer:
            def __init__(self, size):
                self.buffer, self.size = [], size

            def reward(self, reward):
                self.buffer.append(reward)
                if len(self.buffer) > self.size:
                    self.buffer.pop(0)
                self.std = np.std(self.buffer)
                return reward / self.std
      `,
      errors: [{ line: 10, column: 16, message: /trimmed with pop\(0\)/ }],
    },
    {
      name: 'an exponential moving average of the reward variance',
      code: `
        class RewardNormalizer:
            def normalize(self, rewards):
                self.mean = 0.99 * self.mean + 0.01 * rewards.mean()
                self.var = 0.99 * self.var + 0.01 * rewards.var()
                return (rewards - self.mean) / (np.sqrt(self.var) + 1e-8)
      `,
      errors: [{ line: 5, column: 16, message: /`self\.var`, an exponential moving average/ }],
    },
    {
      name: 'an exponential moving average over several lines, with no statistic call in the file',
      code: `
        class RewardScaler:
            def scale(self, rewards):
                self.sigma = (
                    self.decay * self.sigma
                    + (1 - self.decay) * abs(rewards).mean()
                )
                return rewards / (self.sigma + 1e-8)
      `,
      errors: [{ line: 7, column: 16, message: /`self\.sigma`, an exponential moving average/ }],
    },
    {
      name: 'an exponential moving average, in place (torch)',
      code: `
        class ObservationNorm(nn.Module):
            def forward(self, obs):
                if self.training:
                    self.running_var.mul_(self.momentum).add_(obs.var(0), alpha=1 - self.momentum)
                return obs / (self.running_var + self.eps).sqrt()
      `,
      errors: [{ line: 5, column: 16 }],
    },
    {
      name: 'the current batch\'s own statistics, assigned back to the rewards',
      code: `
        def process_rewards(rewards, values, gamma, lam):
            rewards = (rewards - rewards.mean()) / (rewards.std() + 1e-8)
            return compute_gae(rewards, values, gamma, lam)
      `,
      errors: [{ line: 2, column: 15, message: /`rewards\.std\(\)`, the current batch's own statistic/ }],
    },
    {
      name: 'the current batch\'s own statistics, augmented assignment',
      code: `
        def ppo_update(agent, obs_batch, returns):
            obs_batch /= obs_batch.std(axis=0) + 1e-8
            values = agent.critic(obs_batch)
            return ((values - returns) ** 2).mean()
      `,
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'per-batch reward whitening before GAE',
      code: `
        def make_experience(rewards, values, response_mask, whiten_rewards):
            if whiten_rewards:
                rewards = masked_whiten(rewards, mask=response_mask, shift_mean=False)
            return gae(rewards, values, response_mask)
      `,
      errors: [{ line: 3, column: 19, message: /masked_whiten\(rewards, \.\.\.\)/ }],
    },
  ],
});
