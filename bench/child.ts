// The bench's side of a helper process: fork a TypeScript file under tsx, send it commands, and
// await its replies (parsed with a schema) within a deadline.
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { type ZodType } from 'zod';

const tsxLoader = import.meta.resolve('tsx');

/** A forked helper that answers over IPC. */
export class Child<Command extends Serializable, Reply> {
  static readonly #all = new Set<ChildProcess>();

  /** Kills every helper still running (watchdog, fatal errors). */
  static killAll(): void {
    for (const child of Child.#all) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  }

  readonly label: string;
  readonly #process: ChildProcess;
  readonly #replies: Reply[] = [];
  #waiter: ((reply: Reply | Error) => void) | undefined;
  #failure: Error | undefined;

  constructor(options: { script: string; args: readonly string[]; label: string; schema: ZodType<Reply>; env?: NodeJS.ProcessEnv }) {
    this.label = options.label;
    this.#process = fork(fileURLToPath(new URL(options.script, import.meta.url)), options.args, {
      // --expose-gc lets a client collect before each run and before each memory reading.
      execArgv: ['--import', tsxLoader, '--expose-gc'],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    Child.#all.add(this.#process);
    this.#process.on('message', (raw: unknown) => {
      const parsed = options.schema.safeParse(raw);
      this.#deliver(parsed.success ? parsed.data : new Error(`${this.label}: unexpected message ${JSON.stringify(raw)}`));
    });
    this.#process.on('error', (error) => {
      this.#deliver(new Error(`${this.label}: ${error.message}`));
    });
    this.#process.on('exit', (code, signal) => {
      this.#deliver(new Error(`${this.label} exited (${signal ?? `code ${code ?? 0}`})`));
    });
  }

  #deliver(reply: Reply | Error): void {
    if (reply instanceof Error) {
      this.#failure ??= reply;
    }
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter !== undefined) {
      waiter(reply);
    } else if (!(reply instanceof Error)) {
      this.#replies.push(reply);
    }
  }

  send(command: Command): void {
    if (this.#failure !== undefined) {
      throw this.#failure;
    }
    this.#process.send(command);
  }

  /** The next reply; rejects after `timeoutMs`, or as soon as the process fails or leaves. */
  async next(timeoutMs: number): Promise<Reply> {
    const queued = this.#replies.shift();
    if (queued !== undefined) {
      return queued;
    }
    if (this.#failure !== undefined) {
      throw this.#failure;
    }
    const reply = await new Promise<Reply | Error>((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve(new Error(`${this.label}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiter = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
    });
    if (reply instanceof Error) {
      throw reply;
    }
    return reply;
  }

  /** Disconnects (the helper leaves on its own) and waits for the exit; kills it if that does not come. */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.#process;
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    if (child.connected) {
      child.disconnect();
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}
