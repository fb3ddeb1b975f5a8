package dev.sluice.oracle;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script on semicolons outside quotes, identifiers in backticks and comments. */
final class StatementSplitter {
  private StatementSplitter() {}

  static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? script.length() : end;
        continue;
      }
      if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? script.length() : end + 2;
        current.append(' ');
        continue;
      }
      if (c == '\'' || c == '`' || c == '"') {
        int end = i + 1;
        while (end < script.length()) {
          if (script.charAt(end) == c) {
            if (end + 1 < script.length() && script.charAt(end + 1) == c) { end += 2; continue; }
            break;
          }
          end++;
        }
        current.append(script, i, Math.min(end + 1, script.length()));
        i = end + 1;
        continue;
      }
      if (c == ';') {
        addIfNotBlank(statements, current);
        current.setLength(0);
      } else {
        current.append(c);
      }
      i++;
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder text) {
    String statement = text.toString().trim();
    if (!statement.isEmpty()) statements.add(statement);
  }
}
