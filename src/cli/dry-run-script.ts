/**
 * `sluice run job.sql --dry-run`: runs the script's DDL and SET statements, then, for every INSERT, prints how each
 * stateful operator would be restored from the job's latest checkpoint or the savepoint given with
 * `--from-savepoint`: restored, dropped (with what changed) or started empty. Nothing runs.
 */
import { splitStatements } from '../parser/index.js';
import type { Engine } from '../session/engine.js';
import { formatError } from './format-error.js';
import { printResult, type RunScriptOptions } from './run-script.js';
import { EXIT_ERROR, EXIT_OK, type CliOutput } from './script-engine.js';
import { leadingKeyword, locateStatements, startsJob, withOriginalPosition } from './statement-source.js';

export async function dryRunScript(engine: Engine, sql: string, output: CliOutput, options: RunScriptOptions): Promise<number> {
  let refused = false;
  try {
    const { complete, rest } = splitStatements(sql);
    const statements = leadingKeyword(rest) === '' ? complete : [...complete, rest];
    for (const statement of locateStatements(sql, statements)) {
      const text = withOriginalPosition(sql, statement);
      if (!startsJob(statement.text)) {
        await printResult(await engine.execute(text), output, options);
        continue;
      }
      if (!['INSERT', 'EXECUTE', 'BEGIN'].includes(leadingKeyword(statement.text))) continue;
      const preview = engine.restorePreview(text);
      if (preview.source === null) {
        output.out(`Job '${preview.jobName}': nothing to restore; it would start empty.`);
        continue;
      }
      output.out(`Job '${preview.jobName}': restoring from ${preview.source}`);
      for (const decision of preview.decisions) {
        const detail = decision.detail ? ` — ${decision.detail}` : '';
        output.out(`  ${decision.action.padEnd(8)} ${decision.operator}${detail}`);
      }
      if (preview.decisions.some((d) => d.action === 'dropped')) {
        refused = true;
        output.out('  A run would refuse to start: state would be dropped (allow it with --allow-non-restored-state).');
      }
    }
  } catch (error) {
    for (const line of formatError(error, options)) output.err(line);
    return EXIT_ERROR;
  }
  return refused ? EXIT_ERROR : EXIT_OK;
}
