import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-2ZMPP5RW.js";

// node_modules/tree-kill/index.js
var require_tree_kill = __commonJS({
  "node_modules/tree-kill/index.js"(exports, module) {
    "use strict";
    var childProcess = __require("child_process");
    var spawn2 = childProcess.spawn;
    var exec = childProcess.exec;
    module.exports = function(pid, signal, callback) {
      if (typeof signal === "function" && callback === void 0) {
        callback = signal;
        signal = void 0;
      }
      pid = parseInt(pid);
      if (Number.isNaN(pid)) {
        if (callback) {
          return callback(new Error("pid must be a number"));
        } else {
          throw new Error("pid must be a number");
        }
      }
      var tree = {};
      var pidsToProcess = {};
      tree[pid] = [];
      pidsToProcess[pid] = 1;
      switch (process.platform) {
        case "win32":
          exec("taskkill /pid " + pid + " /T /F", callback);
          break;
        case "darwin":
          buildProcessTree(pid, tree, pidsToProcess, function(parentPid) {
            return spawn2("pgrep", ["-P", parentPid]);
          }, function() {
            killAll(tree, signal, callback);
          });
          break;
        // case 'sunos':
        //     buildProcessTreeSunOS(pid, tree, pidsToProcess, function () {
        //         killAll(tree, signal, callback);
        //     });
        //     break;
        default:
          buildProcessTree(pid, tree, pidsToProcess, function(parentPid) {
            return spawn2("ps", ["-o", "pid", "--no-headers", "--ppid", parentPid]);
          }, function() {
            killAll(tree, signal, callback);
          });
          break;
      }
    };
    function killAll(tree, signal, callback) {
      var killed = {};
      try {
        Object.keys(tree).forEach(function(pid) {
          tree[pid].forEach(function(pidpid) {
            if (!killed[pidpid]) {
              killPid(pidpid, signal);
              killed[pidpid] = 1;
            }
          });
          if (!killed[pid]) {
            killPid(pid, signal);
            killed[pid] = 1;
          }
        });
      } catch (err) {
        if (callback) {
          return callback(err);
        } else {
          throw err;
        }
      }
      if (callback) {
        return callback();
      }
    }
    function killPid(pid, signal) {
      try {
        process.kill(parseInt(pid, 10), signal);
      } catch (err) {
        if (err.code !== "ESRCH") throw err;
      }
    }
    function buildProcessTree(parentPid, tree, pidsToProcess, spawnChildProcessesList, cb) {
      var ps = spawnChildProcessesList(parentPid);
      var allData = "";
      ps.stdout.on("data", function(data) {
        var data = data.toString("ascii");
        allData += data;
      });
      var onClose = function(code) {
        delete pidsToProcess[parentPid];
        if (code != 0) {
          if (Object.keys(pidsToProcess).length == 0) {
            cb();
          }
          return;
        }
        allData.match(/\d+/g).forEach(function(pid) {
          pid = parseInt(pid, 10);
          tree[parentPid].push(pid);
          tree[pid] = [];
          pidsToProcess[pid] = 1;
          buildProcessTree(pid, tree, pidsToProcess, spawnChildProcessesList, cb);
        });
      };
      ps.on("close", onClose);
    }
  }
});

// src/sandbox/environment.ts
import { dirname } from "node:path";
var SECRET_VARIABLES = ["GITHUB_TOKEN", "GH_TOKEN"];
var FILE_COMMAND_VARIABLES = ["GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STATE", "GITHUB_STEP_SUMMARY"];
function untrustedEnvironment(env) {
  const kept = Object.entries(env).filter(
    (entry) => entry[1] !== void 0 && !SECRET_VARIABLES.includes(entry[0]) && !FILE_COMMAND_VARIABLES.includes(entry[0]) && !entry[0].startsWith("INPUT_") && !entry[0].startsWith("ACTIONS_")
  );
  return Object.fromEntries(kept);
}
function fileCommandDirectories(env) {
  const files = FILE_COMMAND_VARIABLES.map((name) => env[name]).filter((path) => !!path);
  return [...new Set(files.map((path) => dirname(path)))];
}

// src/sandbox/isolation.ts
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname as dirname2, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
function sandboxPaths(env, cwd, installs = installDirectories()) {
  const directories = (paths) => [...new Set(paths.filter(isDirectory).map((path) => realpathSync(path)))];
  const inside = (path) => !relative(path, realpathSync(cwd)).startsWith("..");
  return { hidden: directories(fileCommandDirectories(env)), readOnly: directories(installs).filter((path) => !inside(path)) };
}
function installDirectories() {
  let root = dirname2(fileURLToPath(import.meta.url));
  while (!existsSync(join(root, "package.json")) && dirname2(root) !== root) root = dirname2(root);
  const actions = root.lastIndexOf("/_actions/");
  const runner = /^(.+)\/externals\/node\d+\/bin\/node$/.exec(process.execPath);
  return [actions >= 0 ? root.slice(0, actions + "/_actions".length) : root, ...runner ? [runner[1]] : []];
}
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
var quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
function writeEnvFile(dir, env, command) {
  const file = join(dir, "env.sh");
  const words = ["--", ...Object.entries(env).map(([name, value]) => `${name}=${value}`), ...command];
  writeFileSync(file, `set -- ${words.map(quote).join(" ")}
`, { mode: 384 });
  return file;
}
function sandboxedCommand(isolation, paths, envFile) {
  const uid = String(process.getuid?.() ?? 0);
  const gid = String(process.getgid?.() ?? 0);
  const drop = {
    root: ["setpriv", "--reuid=0", "--regid=0", "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all,+chown,+dac_override,+dac_read_search,+fowner,+fsetid", "--"],
    sudo: ["setpriv", `--reuid=${uid}`, `--regid=${gid}`, groupsKept(), "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"],
    // Root of the outer namespace (for the mounts), then the user again in an inner one, which has no power over them.
    "user-namespace": ["unshare", "--user", `--map-user=${uid}`, `--map-group=${gid}`, "--", "setpriv", "--no-new-privs", "--"]
  }[isolation];
  const setup = [
    "mount -t proc proc /proc",
    ...paths.hidden.map((path) => `mount -t tmpfs -o ro,size=4k,mode=0555 rl-review ${quote(path)}`),
    ...paths.readOnly.map((path) => `mount --bind ${quote(path)} ${quote(path)} && mount -o remount,bind,ro,nosuid,nodev ${quote(path)}`),
    `exec ${drop.join(" ")} /bin/sh -c ${quote('. "$1" && env -i "$@"; exit $?')} sh "$1"`
  ].join(" &&\n");
  const script = `${setup}
echo 'rl-review: cannot isolate the command (the error above says why)' >&2
exit 125
`;
  const namespaces = ["unshare", ...isolation === "user-namespace" ? ["--user", "--map-root-user"] : [], "--pid", "--fork", "--kill-child", "--mount", "--propagation", "private", "--"];
  return [...isolation === "sudo" ? ["sudo", "-n", "--"] : [], ...namespaces, "/bin/sh", "-c", script, "sh", envFile];
}
var PRIVILEGED_GROUPS = /* @__PURE__ */ new Set(["root", "sudo", "wheel", "adm", "systemd-journal", "disk", "docker", "lxd", "libvirt"]);
function groupsKept() {
  const privileged = new Set(dockerSocketGroup());
  for (const line of readFileSync("/etc/group", "utf8").split("\n")) {
    const [name, , gid] = line.split(":");
    if (PRIVILEGED_GROUPS.has(name)) privileged.add(Number(gid));
  }
  const kept = (process.getgroups?.() ?? []).filter((group) => !privileged.has(group));
  return kept.length ? `--groups=${kept.join(",")}` : "--clear-groups";
}
function dockerSocketGroup() {
  try {
    return [statSync("/var/run/docker.sock").gid];
  } catch {
    return [];
  }
}
function launcherEnvironment() {
  return { PATH: process.env.PATH || "/usr/bin:/bin" };
}
var detected;
function detectIsolation() {
  if (detected) return detected;
  const candidates = process.platform !== "linux" ? [] : process.getuid?.() === 0 ? ["root", "user-namespace"] : ["sudo", "user-namespace"];
  detected = candidates.find(isolationWorks) ?? "none";
  return detected;
}
function isolationWorks(isolation) {
  if (isolation === "none") return true;
  const dir = mkdtempSync(join(tmpdir(), "rl-review-sandbox-"));
  try {
    const envFile = writeEnvFile(dir, { PATH: process.env.PATH ?? "/usr/bin:/bin" }, ["true"]);
    const [program, ...args] = sandboxedCommand(isolation, sandboxPaths(process.env, process.cwd()), envFile);
    return spawnSync(program, args, { env: launcherEnvironment(), stdio: "ignore", timeout: 1e4 }).status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
function isolationNotice(isolation, env = process.env) {
  if (!env.CI && env.GITHUB_ACTIONS !== "true") return void 0;
  if (isolation === "none") {
    return "ran without isolation (no PID namespace: rl-review is not root, has no passwordless sudo and cannot create a user namespace): it could read the environment of rl-review's and the runner's processes in /proc (the job's token), write the job's GITHUB_ENV and GITHUB_PATH files, and change rl-review's own files";
  }
  if (isolation === "root") {
    return "ran as root: in its own PID namespace it could not read other processes' environment, but root can change any file, the code that later steps run included";
  }
  if (isolation === "user-namespace" && inDockerGroup()) {
    return "kept the docker group (no root or passwordless sudo to drop it from a user namespace): through the Docker daemon it could reach everything on the machine";
  }
  return void 0;
}
function inDockerGroup() {
  return dockerSocketGroup().some((group) => process.getgroups?.().includes(group));
}

// src/sandbox/untrusted-process.ts
var import_tree_kill = __toESM(require_tree_kill(), 1);
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync as mkdtempSync2, readdirSync, readFileSync as readFileSync2, rmSync as rmSync2 } from "node:fs";
import { constants as osConstants, tmpdir as tmpdir2 } from "node:os";
import { delimiter, isAbsolute, join as join2, resolve } from "node:path";
var KILL_GRACE_MS = 5e3;
var DRAIN_MS = 1e3;
var KILLED_WAIT_MS = 2e3;
var UntrustedProcess = class {
  constructor(child, isolation, marker, cleanup, timeoutMs) {
    this.child = child;
    this.isolation = isolation;
    this.marker = marker;
    this.cleanup = cleanup;
    this.stdin = child.stdin;
    this.stdout = child.stdout;
    this.stderr = child.stderr;
    this.exited = new Promise((resolve2) => this.settle = resolve2);
    let spawnError;
    child.on("error", (error) => spawnError = error);
    child.on("exit", (code, signal) => {
      this.exit = exitStatus(code, signal, isolation);
      this.killAll("SIGKILL");
      this.drain = setTimeout(() => this.finish(), DRAIN_MS);
    });
    child.on("close", () => this.finish(spawnError));
    if (timeoutMs !== void 0) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        void this.stop(KILL_GRACE_MS);
      }, timeoutMs);
    }
  }
  child;
  isolation;
  marker;
  cleanup;
  stdin;
  stdout;
  stderr;
  /** Once it ended and every process it started is killed, and its output is read (or given up). */
  exited;
  settle;
  exit;
  timedOut = false;
  timer;
  drain;
  finished = false;
  /** Ends it and everything it started (SIGTERM first, when given a grace period), and waits for that. */
  async stop(graceMs = 0) {
    clearTimeout(this.timer);
    if (!this.finished && !this.exit && graceMs > 0) {
      this.killAll("SIGTERM");
      await Promise.race([this.exited, delay(graceMs)]);
    }
    if (!this.finished && !this.exit) {
      this.killAll("SIGKILL");
      await Promise.race([this.exited, delay(KILLED_WAIT_MS)]);
      this.finish();
    }
    return this.exited;
  }
  killAll(signal) {
    const pid = this.child.pid;
    if (pid === void 0) return;
    if (process.platform === "win32") {
      (0, import_tree_kill.default)(pid, signal);
      return;
    }
    try {
      process.kill(-pid, signal);
    } catch {
    }
    if (this.marker && signal === "SIGKILL") for (const marked of processesMarked(this.marker)) tryKill(marked, signal);
  }
  finish(spawnError) {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    clearTimeout(this.drain);
    this.stdout.destroy();
    this.stderr.destroy();
    this.stdin?.destroy();
    this.child.unref();
    this.cleanup();
    const exit = this.exit ?? { code: null, signal: spawnError ? null : "SIGKILL" };
    this.settle({ exitCode: exit.code, signal: exit.signal, timedOut: this.timedOut, spawnError });
  }
};
function startUntrusted(options, isolation = detectIsolation()) {
  const shell = options.command.length === 1;
  const command = shell ? ["/bin/sh", "-c", options.command[0]] : [...options.command];
  const env = untrustedEnvironment(options.env);
  const stdio = [options.stdin ? "pipe" : "ignore", "pipe", "pipe"];
  if (!shell && process.platform !== "win32") assertRunnable(command[0], options.cwd, env.PATH);
  if (isolation === "none" || process.platform !== "linux") {
    const marker = process.platform === "linux" ? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}` : void 0;
    const child2 = spawn(options.command[0], options.command.slice(1), {
      cwd: options.cwd,
      env: marker ? { ...env, RL_REVIEW_SANDBOX: marker } : env,
      shell,
      detached: process.platform !== "win32",
      stdio: [...stdio]
    });
    return new UntrustedProcess(child2, "none", marker, () => {
    }, options.timeoutMs);
  }
  const dir = mkdtempSync2(join2(tmpdir2(), "rl-review-sandbox-"));
  const [program, ...args] = sandboxedCommand(isolation, sandboxPaths(process.env, options.cwd), writeEnvFile(dir, env, command));
  const child = spawn(program, args, { cwd: options.cwd, env: launcherEnvironment(), detached: true, stdio: [...stdio] });
  return new UntrustedProcess(child, isolation, void 0, () => rmSync2(dir, { recursive: true, force: true }), options.timeoutMs);
}
function exitStatus(code, signal, isolation) {
  const signalled = isolation !== "none" && code !== null && code > 128 ? signalName(code - 128) : void 0;
  return signalled ? { code: null, signal: signalled } : { code, signal };
}
function signalName(number) {
  return Object.entries(osConstants.signals).find(([, n]) => n === number)?.[0];
}
function assertRunnable(program, cwd, path = "") {
  const candidates = program.includes("/") ? [resolve(cwd, program)] : path.split(delimiter).filter(isAbsolute).map((dir) => join2(dir, program));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return;
    } catch {
    }
  }
  throw Object.assign(new Error(`spawn ${program} ENOENT`), { code: "ENOENT", path: program });
}
function processesMarked(marker) {
  const needle = `\0RL_REVIEW_SANDBOX=${marker}\0`;
  return readdirSync("/proc").flatMap((name) => {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) return [];
    try {
      return `\0${readFileSync2(`/proc/${name}/environ`, "latin1")}`.includes(needle) ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}
function tryKill(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
  }
}
var delay = (ms) => new Promise((resolve2) => setTimeout(resolve2, ms).unref());

export {
  untrustedEnvironment,
  detectIsolation,
  isolationNotice,
  startUntrusted
};
