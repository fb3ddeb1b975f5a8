package dev.sluice.oracle;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The oracle's entry point. `OracleMain script.sql…` runs each script and prints one JSON line per script;
 * `OracleMain --server` reads script paths from stdin, one a line, and answers each with one JSON line (a
 * long-lived JVM for the fuzzer). `--periodic-watermarks` keeps Flink's own periodic watermarks instead of one per
 * record. Anything Flink itself prints goes to stderr: stdout carries only the answers.
 */
public final class OracleMain {
  private OracleMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    boolean server = false;
    boolean recordWatermarks = true;
    java.util.List<String> scripts = new java.util.ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--server")) server = true;
      else if (arg.equals("--periodic-watermarks")) recordWatermarks = false;
      else scripts.add(arg);
    }
    if (server) {
      BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = input.readLine(); line != null; line = input.readLine()) {
        if (!line.isBlank()) answers.println(answer(Path.of(line.trim()), recordWatermarks));
      }
    } else {
      for (String script : scripts) answers.println(answer(Path.of(script), recordWatermarks));
    }
    answers.flush();
    System.exit(0);
  }

  private static String answer(Path script, boolean recordWatermarks) {
    try {
      return new ScriptRunner(recordWatermarks).run(Files.readString(script, StandardCharsets.UTF_8));
    } catch (Throwable error) {
      StringBuilder message = new StringBuilder();
      for (Throwable cause = error; cause != null; cause = cause.getCause()) {
        if (message.length() > 0) message.append("\nCaused by: ");
        message.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        if (cause.getCause() == cause) break;
      }
      return "{\"ok\":false,\"error\":" + Json.string(message.toString()) + "}";
    }
  }
}
