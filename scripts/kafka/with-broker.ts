/**
 * `node --import tsx scripts/kafka/with-broker.ts <command> [args…]`: runs the command with a Kafka broker for
 * its tests. The broker's address is chosen first and passed as SLUICE_KAFKA_BOOTSTRAP, so the command (e.g. the
 * build and the rest of the test suite) runs while the broker starts; the Kafka tests wait for it. The broker is
 * stopped when the command ends. Without Java or Maven the command runs without a broker: the Kafka tests then
 * skip loudly (or fail under SLUICE_REQUIRE_KAFKA=1). An address already in SLUICE_KAFKA_BOOTSTRAP is kept.
 */
import { spawn } from 'node:child_process';
import { BrokerError, fetchKafka, freePort, hasTool, startBroker, type RunningBroker } from './broker.js';

const log = (line: string): void => console.error(`kafka: ${line}`);

async function main(command: readonly string[]): Promise<number> {
  if (command.length === 0) {
    console.error('usage: with-broker.ts <command> [args…]');
    return 2;
  }
  let broker: Promise<RunningBroker | undefined> = Promise.resolve(undefined);
  const env = { ...process.env };
  if (!env['SLUICE_KAFKA_BOOTSTRAP']) {
    try {
      if (!hasTool('java')) throw new BrokerError('Java (17 or newer) is not installed: `java -version` failed', 'java');
      fetchKafka(log);
      const port = await freePort();
      env['SLUICE_KAFKA_BOOTSTRAP'] = `127.0.0.1:${port}`;
      broker = startBroker({ log, port }).catch((error: unknown) => {
        log(`the broker did not start: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
    } catch (error) {
      if (!(error instanceof BrokerError)) throw error;
      log(`no broker for the Kafka tests: ${error.message}`);
    }
  }
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const stopChild = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', stopChild);
  process.on('SIGTERM', stopChild);
  const code = await new Promise<number>((resolve) => child.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  await (await broker)?.stop();
  return code;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => { console.error(error); process.exitCode = 1; });
