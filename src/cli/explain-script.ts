/**
 * `sluice explain`: runs the script's DDL and SET statements (so the tables exist) and prints the plan of every
 * INSERT and SELECT instead of running it.
 */
import { splitStatements } from '../parser/index.js';
import { formatError } from './format-error.js';
import { printResult, type RunScriptOptions } from './run-script.js';
import { EXIT_ERROR, EXIT_OK, type CliOutput, type ScriptEngine } from './script-engine.js';
import { leadingKeyword, locateStatements, startsJob, withOriginalPosition } from './statement-source.js';

export async function explainScript(
  engine: ScriptEngine,
  sql: string,
  output: CliOutput,
  options: RunScriptOptions,
): Promise<number> {
  try {
    const { complete, rest } = splitStatements(sql);
    const statements = leadingKeyword(rest) === '' ? complete : [...complete, rest];
    let first = true;
    for (const statement of locateStatements(sql, statements)) {
      const text = withOriginalPosition(sql, statement);
      if (startsJob(statement.text)) {
        if (!first) output.out('');
        output.out(`-- ${firstLine(statement.text)}`);
        for (const line of engine.explain(text).split('\n')) output.out(line);
        first = false;
      } else {
        await printResult(await engine.execute(text), output, options);
      }
    }
  } catch (error) {
    for (const line of formatError(error, options)) output.err(line);
    return EXIT_ERROR;
  }
  return EXIT_OK;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}
