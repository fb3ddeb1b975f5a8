package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;

/** Cuts a SQL script into statements at semicolons that are not inside a literal, a quoted name or a comment. */
final class SqlStatements {
  private SqlStatements() {}

  static List<String> of(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder statement = new StringBuilder();
    int at = 0;
    int length = script.length();
    while (at < length) {
      char c = script.charAt(at);
      if (script.startsWith("--", at)) {
        int lineEnd = script.indexOf('\n', at);
        at = lineEnd < 0 ? length : lineEnd;
      } else if (script.startsWith("/*", at)) {
        int commentEnd = script.indexOf("*/", at + 2);
        at = commentEnd < 0 ? length : commentEnd + 2;
        statement.append(' ');
      } else if (c == '\'' || c == '"' || c == '`') {
        int close = closingQuote(script, at, c);
        statement.append(script, at, close);
        at = close;
      } else if (c == ';') {
        keep(statements, statement);
        at++;
      } else {
        statement.append(c);
        at++;
      }
    }
    keep(statements, statement);
    return statements;
  }

  /** The index just past the quote that closes the one at `open` (a doubled quote stays inside). */
  private static int closingQuote(String script, int open, char quote) {
    int at = open + 1;
    while (at < script.length()) {
      if (script.charAt(at) != quote) at++;
      else if (at + 1 < script.length() && script.charAt(at + 1) == quote) at += 2;
      else return at + 1;
    }
    return script.length();
  }

  private static void keep(List<String> statements, StringBuilder statement) {
    String text = statement.toString().trim();
    if (!text.isEmpty()) statements.add(text);
    statement.setLength(0);
  }
}
