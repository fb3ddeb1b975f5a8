/**
 * `npm run kafka -- fetch | start [port] | stop | status`: the bundled single-node Kafka broker.
 *   fetch   download Apache Kafka into the cache (~/.cache/sluice/kafka-<version>/) and format a storage template
 *   start [port]  start a broker in the background on 127.0.0.1 (on `port`, else a free one); prints the bootstrap address and
 *           records it in ~/.cache/sluice/broker.json (tests reuse it)
 *   stop    stop the broker recorded there and delete its data
 *   status  print the bootstrap address of the running broker, or exit 1
 */
import { BrokerError, clearState, fetchKafka, kafkaHome, readState, startBroker, stateFile, writeState } from './broker.js';

const log = (line: string): void => console.error(`kafka: ${line}`);

async function main(command: string | undefined, argument: string | undefined): Promise<number> {
  switch (command) {
    case 'fetch': {
      const started = Date.now();
      const home = fetchKafka(log);
      log(`Apache Kafka is in ${home} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return 0;
    }
    case 'start': {
      const running = readState();
      if (running) {
        log(`already running (pid ${running.pid})`);
        console.log(running.bootstrap);
        return 0;
      }
      const started = Date.now();
      const port = argument === undefined ? undefined : Number(argument);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
        console.error(`kafka: '${argument}' is not a port number`);
        return 2;
      }
      const broker = await startBroker({ log, detached: true, ...(port === undefined ? {} : { port }) });
      writeState(broker);
      log(`broker started in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${broker.pid}, data in ${broker.directory}, state in ${stateFile()})`);
      console.log(broker.bootstrap);
      return 0;
    }
    case 'stop': {
      const running = readState();
      clearState();
      if (!running) {
        log('no broker is running');
        return 0;
      }
      await running.stop();
      log(`stopped the broker (pid ${running.pid})`);
      return 0;
    }
    case 'status': {
      const running = readState();
      if (!running) {
        log(`no broker is running (Kafka home: ${kafkaHome()})`);
        return 1;
      }
      console.log(running.bootstrap);
      return 0;
    }
    default:
      console.error('usage: npm run kafka -- fetch | start [port] | stop | status');
      return 2;
  }
}

main(process.argv[2], process.argv[3]).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof BrokerError ? `kafka: ${error.message}` : error);
    process.exitCode = 1;
  },
);
