// The bench's side of its child processes: fork a TypeScript file under tsx, send commands,
// await replies (checked against a schema) with a deadline, stop them.
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { type ZodType } from 'zod';

const tsxLoader = import.meta.resolve('tsx');

/** A forked helper process that answers over IPC. */
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

  readonly #process: ChildProcess;
  readonly #label: string;
  readonly #replies: Reply[] = [];
  #waiter: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  #failure: Error | undefined;

  constructor(options: {
    script: string;
    args: readonly string[];
    label: string;
    schema: ZodType<Reply>;
    env?: NodeJS.ProcessEnv;
  }) {
    this.#label = options.label;
    this.#process = fork(fileURLToPath(new URL(options.script, import.meta.url)), options.args, {
      execArgv: ['--import', tsxLoader],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    Child.#all.add(this.#process);
    this.#process.on('message', (raw: unknown) => {
      const parsed = options.schema.safeParse(raw);
      if (parsed.success) {
        this.#deliver(parsed.data);
      } else {
        this.#fail(new Error(`${this.#label}: unexpected message ${JSON.stringify(raw)}`));
      }
    });
    this.#process.on('error', (error) => {
      this.#fail(new Error(`${this.#label}: ${error.message}`));
    });
    this.#process.on('exit', (code, signal) => {
      this.#fail(new Error(`${this.#label} exited (${signal ?? `code ${code ?? 0}`})`));
    });
  }

  get label(): string {
    return this.#label;
  }

  #deliver(reply: Reply): void {
    if (this.#waiter === undefined) {
      this.#replies.push(reply);
      return;
    }
    const { resolve } = this.#waiter;
    this.#waiter = undefined;
    resolve(reply);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(this.#failure);
  }

  send(command: Command): void {
    if (this.#failure !== undefined) {
      throw this.#failure;
    }
    this.#process.send(command);
  }

  /** The next reply, or a rejection after `timeoutMs` or when the process dies. */
  async next(timeoutMs: number): Promise<Reply> {
    const queued = this.#replies.shift();
    if (queued !== undefined) {
      return queued;
    }
    if (this.#failure !== undefined) {
      throw this.#failure;
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(new Error(`${this.#label}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Sends `stop`, waits for a clean exit, and kills the process if it does not come. */
  async stop(stopCommand: Command, graceMs = 5000): Promise<void> {
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
      child.send(stopCommand);
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}
