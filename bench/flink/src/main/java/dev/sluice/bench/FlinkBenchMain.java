package dev.sluice.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Runs one benchmark script in Flink's local mini-cluster (streaming mode) and prints one JSON line on stdout:
 *
 * <pre>FlinkBenchMain --script q5.sql --input events.jsonl --query q5 [--parallelism 2]</pre>
 *
 * The script holds DDL (the source table over the input file, views, the sink) and exactly one INSERT. Every
 * statement before the INSERT runs untimed; the INSERT's job is submitted, then waited for: the bounded file source
 * ends it. Anything Flink prints (a print sink too) goes to stderr, so stdout carries only the answer.
 */
public final class FlinkBenchMain {
  private static final Pattern INSERT = Pattern.compile("(?is)^(?:EXECUTE\\s+)?INSERT\\s+.*");

  private FlinkBenchMain() {}

  public static void main(String[] args) {
    PrintStream answer = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    int status = 0;
    try {
      answer.println(run(Arguments.parse(args)));
    } catch (Throwable error) {
      answer.println("{\"ok\":false,\"error\":" + Json.string(describe(error)) + "}");
      status = 1;
    }
    answer.flush();
    System.exit(status);
  }

  private static String run(Arguments arguments) throws Exception {
    String script = Files.readString(arguments.script, StandardCharsets.UTF_8);
    List<String> statements = SqlStatements.of(script);
    long inserts = statements.stream().filter(s -> INSERT.matcher(s).matches()).count();
    if (inserts != 1) throw new IllegalArgumentException("the script must hold exactly one INSERT, it has " + inserts);
    long events = countEvents(arguments.input);

    StreamTableEnvironment tableEnv = streamingTableEnvironment(arguments.parallelism);
    long submittedNanos = 0;
    long finishedNanos = 0;
    long planAndSubmitNanos = 0;
    long cpuAtSubmitNanos = 0;
    long cpuAtEndNanos = 0;
    JobExecutionResult execution = null;
    for (String statement : statements) {
      if (!INSERT.matcher(statement).matches()) {
        tableEnv.executeSql(statement);
        continue;
      }
      long beforeSubmit = System.nanoTime();
      TableResult result = tableEnv.executeSql(statement);
      submittedNanos = System.nanoTime();
      cpuAtSubmitNanos = processCpuNanos();
      planAndSubmitNanos = submittedNanos - beforeSubmit;
      JobClient job = result.getJobClient().orElseThrow(() -> new IllegalStateException("the INSERT started no job"));
      execution = job.getJobExecutionResult().get();
      finishedNanos = System.nanoTime();
      cpuAtEndNanos = processCpuNanos();
    }
    long elapsedMs = (finishedNanos - submittedNanos) / 1_000_000;
    return "{\"ok\":true"
        + ",\"input\":" + Json.string(arguments.input.toAbsolutePath().toString())
        + ",\"query\":" + Json.string(arguments.query)
        + ",\"events\":" + events
        + ",\"elapsedMs\":" + elapsedMs
        + ",\"planAndSubmitMs\":" + planAndSubmitNanos / 1_000_000
        + ",\"netRuntimeMs\":" + execution.getNetRuntime()
        + ",\"cpuMs\":" + (cpuAtSubmitNanos < 0 ? -1 : (cpuAtEndNanos - cpuAtSubmitNanos) / 1_000_000)
        + ",\"jvmMs\":" + ManagementFactory.getRuntimeMXBean().getUptime()
        + ",\"peakRssKb\":" + peakRssKb()
        + ",\"parallelism\":" + arguments.parallelism
        + ",\"flinkVersion\":" + Json.string(EnvironmentInformation.getVersion())
        + ",\"javaVersion\":" + Json.string(System.getProperty("java.version"))
        + "}";
  }

  private static StreamTableEnvironment streamingTableEnvironment(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    conf.setString("table.exec.resource.default-parallelism", String.valueOf(parallelism));
    conf.setString("table.local-time-zone", "UTC");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(parallelism);
    EnvironmentSettings settings = EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build();
    return StreamTableEnvironment.create(env, settings);
  }

  /**
   * Events in the input: lines that hold anything, in the file or, for a folder, in its files (skipping names that
   * start with '.' or '_', as the filesystem source does). Read before the job, so not timed.
   */
  static long countEvents(Path input) throws IOException {
    if (!Files.isDirectory(input)) return countLines(input);
    long events = 0;
    try (var files = Files.list(input)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && !name.startsWith(".") && !name.startsWith("_")) events += countLines(file);
      }
    }
    return events;
  }

  private static long countLines(Path input) throws IOException {
    long lines = 0;
    boolean lineHasContent = false;
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel channel = FileChannel.open(input, StandardOpenOption.READ)) {
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          if (b == '\n') {
            if (lineHasContent) lines++;
            lineHasContent = false;
          } else if (b != '\r' && b != ' ' && b != '\t') {
            lineHasContent = true;
          }
        }
        buffer.clear();
      }
    }
    return lineHasContent ? lines + 1 : lines;
  }

  /** CPU time (user + system, all threads) the JVM has used so far, or -1 where the JVM does not tell. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The process's peak resident set (VmHWM) in kB, or -1 where /proc is not there. */
  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException ignored) {
      // not Linux: the Node side samples the process instead
    }
    return -1;
  }

  private static String describe(Throwable error) {
    StringBuilder message = new StringBuilder();
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (message.length() > 0) message.append("\nCaused by: ");
      message.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return message.toString();
  }

  /** The command line. */
  private record Arguments(Path script, Path input, String query, int parallelism) {
    static Arguments parse(String[] args) {
      Path script = null;
      Path input = null;
      String query = null;
      int parallelism = 2;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--script" -> { script = Path.of(required(args[i], value)); i++; }
          case "--input" -> { input = Path.of(required(args[i], value)); i++; }
          case "--query" -> { query = required(args[i], value); i++; }
          case "--parallelism" -> { parallelism = Integer.parseInt(required(args[i], value)); i++; }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (script == null || input == null) {
        throw new IllegalArgumentException("usage: FlinkBenchMain --script S.sql --input EVENTS.jsonl [--query NAME] [--parallelism N]");
      }
      return new Arguments(script, input, query == null ? script.getFileName().toString() : query, parallelism);
    }

    private static String required(String flag, String value) {
      if (value == null) throw new IllegalArgumentException(flag + " needs a value");
      return value;
    }
  }
}
