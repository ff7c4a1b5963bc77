// Starts the real pitwall binary for one spec: free port, fresh SQLite file, health wait.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { watchPublicChannels } from './privacy';

/** The workspace root: the parent of end2end/. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

const HEALTH_TIMEOUT_MS = 30_000;
const HEALTH_POLL_MS = 100;
const KILL_AFTER_MS = 5_000;
const LOG_LINES = 200;

export interface PitwallServer {
  baseURL: string;
  port: number;
  dbPath: string;
  /** SIGTERM, wait for exit (SIGKILL after 5 s), then remove the temp dir. */
  stop(): Promise<void>;
  /** Stop the process, start it again on the same port with the same db file, wait healthy. */
  restart(): Promise<void>;
  /** The last ~200 lines the server printed (stdout and stderr, in order). */
  logs(): string;
}

export function serverBinary(): string {
  if (process.env.PITWALL_BIN) return path.resolve(repoRoot, process.env.PITWALL_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
    : path.join(repoRoot, 'target');
  return path.join(targetDir, 'release', 'pitwall');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitExit(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<PitwallServer> {
  const bin = serverBinary();
  if (!fs.existsSync(bin)) {
    throw new Error(
      `pitwall binary not found at ${bin}; build it first (cargo leptos build --release) ` +
        `or point PITWALL_BIN at it`,
    );
  }
  const port = await freePort();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitwall-e2e-'));
  const dbPath = path.join(tmpDir, 'pitwall.db');
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PITWALL_ADDR: `127.0.0.1:${port}`,
    PITWALL_DB: dbPath,
    PITWALL_SITE_ROOT: process.env.PITWALL_SITE_ROOT ?? path.join(repoRoot, 'target', 'site'),
    RUST_LOG: 'info',
    ...extraEnv,
  };

  const lines: string[] = [];
  const record = (tag: string) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push(`[${tag}] ${line}`);
      if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
    };
  };
  const logs = () => lines.join('\n');

  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  const launch = async (): Promise<void> => {
    const proc = spawn(bin, [], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', record('out'));
    proc.stderr?.on('data', record('err'));
    proc.on('exit', (code, signal) => lines.push(`[pitwall exited code=${code} signal=${signal}]`));
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited(proc)) throw new Error(`pitwall exited before it was healthy:\n${logs()}`);
      try {
        const res = await fetch(`${baseURL}/api/v1/health`, { signal: AbortSignal.timeout(1_000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(HEALTH_POLL_MS);
    }
    await halt();
    throw new Error(`pitwall not healthy at ${baseURL} within ${HEALTH_TIMEOUT_MS} ms:\n${logs()}`);
  };

  const halt = async (): Promise<void> => {
    const proc = child;
    if (!proc || exited(proc)) return;
    const timer = setTimeout(() => proc.kill('SIGKILL'), KILL_AFTER_MS);
    proc.kill('SIGTERM');
    await waitExit(proc);
    clearTimeout(timer);
  };

  await launch();
  // Every public stream is watched for the server's whole life and scanned at stop.
  const privacy = watchPublicChannels(baseURL);

  return {
    baseURL,
    port,
    dbPath,
    logs,
    async restart() {
      await halt();
      // The old socket may linger for a moment; a second try covers a lost bind race.
      try {
        await launch();
      } catch (err) {
        if (!child || !exited(child)) throw err;
        await sleep(500);
        await launch();
      }
    },
    async stop() {
      try {
        await privacy.check(dbPath);
      } finally {
        privacy.stop();
        await halt();
        process.off('exit', killOnExit);
        if (!process.env.PITWALL_E2E_KEEP_DB) fs.rmSync(tmpDir, { recursive: true, force: true });
      }
    },
  };
}
