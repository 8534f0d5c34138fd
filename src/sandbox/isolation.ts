import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileCommandDirectories } from './environment';

/**
 * How code from the reviewed repository is kept from the runner's secrets. Cleaning its environment is not enough:
 * on Linux a process may read /proc/<pid>/environ of any process of its user, rl-review's own (`INPUT_GITHUB-TOKEN`,
 * `ACTIONS_RUNTIME_TOKEN`) among them. So the code runs in new PID and mount namespaces, where /proc shows its own
 * processes only; as the same user (it may write the workspace) but unable to gain privileges (`sudo`) and without
 * the groups that amount to root (`docker`); with the job's file commands hidden and rl-review's own files, the
 * job's actions and the runner's install read-only (later steps run them with a token). When the namespace's first
 * process ends, the kernel kills every process left in it: nothing the code started outlives it.
 *
 * - `root`: rl-review runs as root and creates the namespaces; the code runs as root without the capabilities that
 *   administer the machine (it keeps those that let root write any file, as a container job's checkout needs).
 * - `sudo`: passwordless sudo (GitHub-hosted runners) creates the namespaces; the code runs as the user, without
 *   the groups that amount to root.
 * - `user-namespace`: an unprivileged user namespace creates them; the code keeps the user's groups.
 * - `none`: not Linux, or none of the above is allowed: a process group only.
 */
export type Isolation = 'root' | 'sudo' | 'user-namespace' | 'none';

/** What the code must not change. */
export interface SandboxPaths {
  /** Hidden behind an empty read-only directory. */
  hidden: string[];
  /** Mounted read-only. */
  readOnly: string[];
}

/**
 * The job's file-command directories are hidden; rl-review's install and the runner's are read-only, unless the
 * code runs inside one of them (`uses: ./`: the action is the repository's own code, which the code may change).
 */
export function sandboxPaths(env: NodeJS.ProcessEnv, cwd: string, installs: string[] = installDirectories()): SandboxPaths {
  const directories = (paths: string[]) => [...new Set(paths.filter(isDirectory).map((path) => realpathSync(path)))];
  const inside = (path: string) => !relative(path, realpathSync(cwd)).startsWith('..');
  return { hidden: directories(fileCommandDirectories(env)), readOnly: directories(installs).filter((path) => !inside(path)) };
}

/**
 * rl-review's package (its bundle loads worker threads after the smoke command ran) or, when it is an action of the
 * job, every action the job runs (`_actions/`); and the runner's own install, whose Node.js runs later steps' actions.
 */
function installDirectories(): string[] {
  let root = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const actions = root.lastIndexOf('/_actions/');
  const runner = /^(.+)\/externals\/node\d+\/bin\/node$/.exec(process.execPath);
  return [actions >= 0 ? root.slice(0, actions + '/_actions'.length) : root, ...(runner ? [runner[1]] : [])];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Writes the script the sandbox's first process sources: it sets the positional parameters to `env -i`'s
 * arguments, the environment and then the command. It travels in a file, not in arguments, so that sudo's log and
 * `ps` do not show the environment (a token passed to the smoke command on purpose).
 */
export function writeEnvFile(dir: string, env: Record<string, string>, command: readonly string[]): string {
  const file = join(dir, 'env.sh');
  const words = ['--', ...Object.entries(env).map(([name, value]) => `${name}=${value}`), ...command];
  writeFileSync(file, `set -- ${words.map(quote).join(' ')}\n`, { mode: 0o600 });
  return file;
}

/**
 * The program and arguments that run the command of `envFile` in new namespaces. The namespace's first process
 * mounts a fresh /proc, hides and protects `paths`, drops privileges, and runs the command in the foreground: its
 * exit ends the namespace, and it ignores the SIGTERM a timeout sends (the kernel shields a namespace's first
 * process), while the command's processes get it.
 */
export function sandboxedCommand(isolation: Exclude<Isolation, 'none'>, paths: SandboxPaths, envFile: string): string[] {
  const uid = String(process.getuid?.() ?? 0);
  const gid = String(process.getgid?.() ?? 0);
  const drop = {
    root: ['setpriv', '--reuid=0', '--regid=0', '--clear-groups', '--no-new-privs', '--inh-caps=-all', '--bounding-set=-all,+chown,+dac_override,+dac_read_search,+fowner,+fsetid', '--'],
    sudo: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, groupsKept(), '--no-new-privs', '--inh-caps=-all', '--bounding-set=-all', '--'],
    // Root of the outer namespace (for the mounts), then the user again in an inner one, which has no power over them.
    'user-namespace': ['unshare', '--user', `--map-user=${uid}`, `--map-group=${gid}`, '--', 'setpriv', '--no-new-privs', '--'],
  }[isolation];
  const setup = [
    'mount -t proc proc /proc',
    ...paths.hidden.map((path) => `mount -t tmpfs -o ro,size=4k,mode=0555 rl-review ${quote(path)}`),
    ...paths.readOnly.map((path) => `mount --bind ${quote(path)} ${quote(path)} && mount -o remount,bind,ro,nosuid,nodev ${quote(path)}`),
    `exec ${drop.join(' ')} /bin/sh -c ${quote('. "$1" && env -i "$@"; exit $?')} sh "$1"`,
  ].join(' &&\n');
  const script = `${setup}\necho 'rl-review: cannot isolate the command (the error above says why)' >&2\nexit 125\n`;
  const namespaces = ['unshare', ...(isolation === 'user-namespace' ? ['--user', '--map-root-user'] : []), '--pid', '--fork', '--kill-child', '--mount', '--propagation', 'private', '--'];
  return [...(isolation === 'sudo' ? ['sudo', '-n', '--'] : []), ...namespaces, '/bin/sh', '-c', script, 'sh', envFile];
}

/**
 * Groups that amount to root (the Docker daemon, LXD, libvirt, raw disks) or read the system's logs (where sudo
 * logs the commands it runs). The user's other groups stay: `render` and `video` open GPUs.
 */
const PRIVILEGED_GROUPS = new Set(['root', 'sudo', 'wheel', 'adm', 'systemd-journal', 'disk', 'docker', 'lxd', 'libvirt']);

/** setpriv's option for the supplementary groups the code keeps: the user's, but the privileged ones. */
function groupsKept(): string {
  const privileged = new Set(dockerSocketGroup());
  for (const line of readFileSync('/etc/group', 'utf8').split('\n')) {
    const [name, , gid] = line.split(':');
    if (PRIVILEGED_GROUPS.has(name)) privileged.add(Number(gid));
  }
  const kept = (process.getgroups?.() ?? []).filter((group) => !privileged.has(group));
  return kept.length ? `--groups=${kept.join(',')}` : '--clear-groups';
}

/** The group that may use the Docker daemon, whatever its name. */
function dockerSocketGroup(): number[] {
  try {
    return [statSync('/var/run/docker.sock').gid];
  } catch {
    return [];
  }
}

/** The environment of the processes that set the sandbox up: nothing to read in the first process's /proc/1/environ. */
export function launcherEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH || '/usr/bin:/bin' };
}

let detected: Isolation | undefined;

/** The strongest isolation this machine allows, found once by running `true` in each. */
export function detectIsolation(): Isolation {
  if (detected) return detected;
  const candidates: Isolation[] = process.platform !== 'linux' ? [] : process.getuid?.() === 0 ? ['root', 'user-namespace'] : ['sudo', 'user-namespace'];
  detected = candidates.find(isolationWorks) ?? 'none';
  return detected;
}

/** Whether `true` runs in that isolation here. */
export function isolationWorks(isolation: Isolation): boolean {
  if (isolation === 'none') return true;
  const dir = mkdtempSync(join(tmpdir(), 'rl-review-sandbox-'));
  try {
    const envFile = writeEnvFile(dir, { PATH: process.env.PATH ?? '/usr/bin:/bin' }, ['true']);
    const [program, ...args] = sandboxedCommand(isolation, sandboxPaths(process.env, process.cwd()), envFile);
    return spawnSync(program, args, { env: launcherEnvironment(), stdio: 'ignore', timeout: 10_000 }).status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the code could still reach, said in a notice where there is a token to protect (in CI); undefined when the
 * isolation is complete or there is nothing to protect.
 */
export function isolationNotice(isolation: Isolation, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.CI && env.GITHUB_ACTIONS !== 'true') return undefined;
  if (isolation === 'none') {
    return (
      'ran without isolation (no PID namespace: rl-review is not root, has no passwordless sudo and cannot create a user namespace): ' +
      "it could read the environment of rl-review's and the runner's processes in /proc (the job's token), write the job's GITHUB_ENV " +
      "and GITHUB_PATH files, and change rl-review's own files"
    );
  }
  if (isolation === 'root') {
    return "ran as root: in its own PID namespace it could not read other processes' environment, but root can change any file, the code that later steps run included";
  }
  if (isolation === 'user-namespace' && inDockerGroup()) {
    return 'kept the docker group (no root or passwordless sudo to drop it from a user namespace): through the Docker daemon it could reach everything on the machine';
  }
  return undefined;
}

function inDockerGroup(): boolean {
  return dockerSocketGroup().some((group) => process.getgroups?.().includes(group));
}
