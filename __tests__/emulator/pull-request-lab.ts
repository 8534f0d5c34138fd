// One repository on the emulator for a test file whose tests run concurrently, each on a pull request of its own.
import { startEmulator, type GitHubEmulator } from './emulator';
import { GitRepository, type FileChanges } from './git';
import { pullRequestPayload } from './payloads';
import { runAction, type ActionRun } from './run-action';
import type { PullRequestRecord } from './state';

export class PullRequestLab {
  /** The tests share one git work tree: branch switches and commits go one at a time. */
  private gitQueue: Promise<unknown> = Promise.resolve();
  /** Runs whose temp directories (checkout, RUNNER_TEMP with the report files) `close` removes. */
  private readonly runs: ActionRun[] = [];

  private constructor(
    readonly gh: GitHubEmulator,
    readonly git: GitRepository,
  ) {}

  /** A repository whose main branch holds `files`, served by a fresh emulator. */
  static async start(files: FileChanges): Promise<PullRequestLab> {
    const git = await GitRepository.create(files);
    return new PullRequestLab(await startEmulator({ repository: git }), git);
  }

  /** A branch off main with `changes`, and a pull request from it. */
  openPullRequest(branch: string, changes: FileChanges, options: { fromFork?: boolean } = {}): Promise<PullRequestRecord> {
    return this.withGit(async () => {
      await this.git.branch(branch, 'main');
      await this.git.commit(changes, `Change ${branch}`);
      await this.git.switch('main');
      return this.gh.openPullRequest({ head: branch, ...options });
    });
  }

  /** A commit of `changes` on the pull request's branch, and the pull request moved to it: a `synchronize`. */
  push(pull: PullRequestRecord, changes: FileChanges): Promise<{ before: string; after: string }> {
    return this.withGit(async () => {
      await this.git.switch(pull.head.ref);
      await this.git.commit(changes, `Push to ${pull.head.ref}`);
      await this.git.switch('main');
      return this.gh.synchronize(pull.number);
    });
  }

  private withGit<T>(work: () => Promise<T>): Promise<T> {
    const done = this.gitQueue.then(work);
    this.gitQueue = done.catch(() => undefined);
    return done;
  }

  /** The bundled Action on the pull request's `opened` event (`synchronize` after `push`), with the step's `with:` inputs. */
  async review(pull: PullRequestRecord, inputs: Record<string, string>, push?: { before: string; after: string }): Promise<ActionRun> {
    const payload = await pullRequestPayload(this.gh, pull, push ? 'synchronize' : 'opened', push);
    const run = await runAction({ emulator: this.gh, eventName: 'pull_request', eventPayload: payload, inputs, timeoutMs: 90_000 });
    this.runs.push(run);
    return run;
  }

  /** The body of the pull request's sticky summary comment; '' when there is none. */
  summaryComment(pull: PullRequestRecord): string {
    return this.gh.state.issueComments.find((c) => c.issueNumber === pull.number && c.body.startsWith('<!-- rl-review:summary -->'))?.body ?? '';
  }

  async close(): Promise<void> {
    for (const run of this.runs) run.remove();
    await this.gh.close();
    this.git.remove();
  }
}
