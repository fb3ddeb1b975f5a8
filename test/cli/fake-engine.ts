/** Test doubles for the engine's results, so the CLI's runners can be tested without the engine. */
import type {
  Change,
  ColumnInfo,
  JobHandle,
  JobSummary,
  QueryResult,
  Row,
  StatementResult,
} from '../../src/session/api-types.js';
import type { CliOutput, ScriptEngine } from '../../src/cli/script-engine.js';

export class RecordingOutput implements CliOutput {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  out(line: string): void {
    this.stdout.push(line);
  }
  err(line: string): void {
    this.stderr.push(line);
  }
}

export function summary(status: JobSummary['status'], recordsIn = 6): JobSummary {
  return {
    jobName: 'insert-into-sink',
    status,
    elapsedMs: 100,
    recordsIn,
    tables: [
      { table: 'bids', recordsRead: recordsIn, recordsWritten: 0, lateRecords: 2, malformedRecords: 0, nullRowtimeRecords: 0 },
    ],
  };
}

/** A job that finishes when cancelled, or at once when `finishAtOnce`. */
export function fakeJob(finishAtOnce: boolean): JobHandle & { cancelled: boolean } {
  let finish: (value: JobSummary) => void = () => undefined;
  const done = new Promise<JobSummary>((resolve) => {
    finish = resolve;
  });
  if (finishAtOnce) finish(summary('finished'));
  const job = {
    jobName: 'insert-into-sink',
    jobId: '0'.repeat(32),
    cancelled: false,
    done: () => done,
    cancel: async () => {
      job.cancelled = true;
      finish(summary('cancelled'));
    },
    counters: () => [],
  };
  return job;
}

export function fakeQuery(columns: readonly ColumnInfo[], changes: readonly Change[], rows: readonly Row[]): QueryResult {
  return {
    columns,
    updating: changes.some((change) => change.op !== '+I'),
    async *[Symbol.asyncIterator]() {
      yield* changes;
    },
    toArray: async () => [...rows],
    cancel: async () => undefined,
    done: async () => summary('finished'),
  };
}

export class FakeEngine implements ScriptEngine {
  readonly executed: string[] = [];
  readonly explained: string[] = [];
  constructor(private readonly results: readonly (StatementResult | Error)[]) {}

  async *executeScript(sql: string): AsyncGenerator<{ statement: string; result: StatementResult }> {
    for (const result of this.results) {
      if (result instanceof Error) throw result;
      yield { statement: sql, result };
    }
  }

  async execute(sql: string): Promise<StatementResult> {
    this.executed.push(sql);
    return { kind: 'ok', message: 'Table created.' };
  }

  explain(sql: string): string {
    this.explained.push(sql);
    return 'Sink(sink)\n  Source(bids)';
  }
}
