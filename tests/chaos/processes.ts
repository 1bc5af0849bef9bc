import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The chaos test's processes: web instances and outbox workers, each in its own process group (so that a
 * SIGKILL takes the whole instance, whatever it spawned), with stdout and stderr in a log file each.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

export type Env = Record<string, string | undefined>;

export type Instance = {
  name: string;
  /** `http://127.0.0.1:<port>` for a web instance; '' for a worker. */
  baseUrl: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGKILL to the whole process group: no clean-up, no graceful stop, as a crash or an OOM kill. */
  kill: () => Promise<void>;
  /** SIGTERM to the group, then SIGKILL after 10 s. */
  stop: () => Promise<void>;
};

/**
 * The command that serves the built app on `port`: the standalone server `npm run build` leaves in
 * .next/standalone, the same one the image runs and the browser tests start.
 */
function webCommand(port: number): { args: string[]; env: Env } {
  const server = path.join(ROOT, '.next', 'standalone', 'server.js');
  if (!fs.existsSync(server)) throw new Error('No standalone build: run `npm run build` before `npm run test:chaos`.');
  return { args: [server], env: { PORT: String(port), HOSTNAME: '127.0.0.1' } };
}

/** What `npm run worker` runs, without npm in between (one process less to kill). */
function workerCommand(): { args: string[]; env: Env } {
  return { args: ['--import', 'tsx', '--import', './lib/delivery/node-hooks/register.mjs', 'lib/delivery/worker-main.ts'], env: {} };
}

function launch(name: string, command: { args: string[]; env: Env }, env: Env, logDir: string, baseUrl: string): Instance {
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, command.args, { cwd: ROOT, env: { ...env, ...command.env } as NodeJS.ProcessEnv, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  if (!child.pid) throw new Error(`${name} did not start`);
  const pid = child.pid;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    name,
    baseUrl,
    child,
    logFile,
    exited,
    kill: async () => {
      signalGroup('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function startWeb(name: string, port: number, env: Env, logDir: string): Instance {
  const environment: Env = { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  delete environment.PORT;
  return launch(name, webCommand(port), environment, logDir, `http://127.0.0.1:${port}`);
}

export function startWorkerProcess(name: string, env: Env, logDir: string): Instance {
  return launch(name, workerCommand(), { ...env, NODE_ENV: 'production' }, logDir, '');
}

/** Waits until the instance answers `path` with 200 (or its log says the worker started). */
export async function waitUntilReady(instance: Instance, timeoutMs: number, path = '/'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited with code ${instance.child.exitCode}:\n${tail(instance.logFile)}`);
    if (instance.baseUrl) {
      try {
        const response = await fetch(`${instance.baseUrl}${path}`, { signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
    } else if (fs.readFileSync(instance.logFile, 'utf8').includes(' started (channels:')) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${instance.name} was not ready within ${timeoutMs / 1000}s:\n${tail(instance.logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
