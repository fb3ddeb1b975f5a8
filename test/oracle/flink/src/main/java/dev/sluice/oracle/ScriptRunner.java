package dev.sluice.oracle;

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.callSql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.expressions.SqlCallExpression;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs one SQL script in a fresh streaming table environment (parallelism 1) and returns, as one JSON line, the rows
 * each INSERT would write to its sink with their changelog kinds. INSERTs are collected (TableResult.collect) after a
 * cast to the sink's column types, instead of being written, so print sinks need no stdout capture. Filesystem tables
 * with a WATERMARK are re-registered as views over a DataStream that emits a watermark after every record.
 */
final class ScriptRunner {
  private static final Pattern INSERT = Pattern.compile("(?is)^INSERT\\s+INTO\\s+(`[^`]+`|[A-Za-z_][\\w]*)\\s+(.*)$");
  private static final Pattern CREATE_TABLE =
      Pattern.compile("(?is)^CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(`[^`]+`|[A-Za-z_][\\w]*).*$");
  private static final Pattern SET = Pattern.compile("(?is)^SET\\s+'([^']+)'\\s*=\\s*'([^']*)'\\s*$");
  private static final String CANDIDATE = "__sluice_watermark_candidate";

  private final StreamTableEnvironment tableEnv;
  private final boolean recordWatermarks;

  ScriptRunner(boolean recordWatermarks) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    conf.setString("table.local-time-zone", "UTC");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    this.tableEnv = StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().inStreamingMode().build());
    this.tableEnv.getConfig().set("table.local-time-zone", "UTC");
    this.recordWatermarks = recordWatermarks;
  }

  /** `{"ok":true,"sinks":[{"sink":…,"columns":[{"name":…,"type":…}],"changes":[["+I",…],…]}]}`. */
  String run(String script) throws Exception {
    List<String> sinks = new ArrayList<>();
    for (String statement : StatementSplitter.split(script)) {
      Matcher insert = INSERT.matcher(statement);
      if (insert.matches()) {
        sinks.add(collect(unquote(insert.group(1)), insert.group(2)));
        continue;
      }
      // SET 'key' = 'value' (e.g. 'table.local-time-zone'), as the SQL client applies it to the session.
      Matcher set = SET.matcher(statement);
      if (set.matches()) {
        tableEnv.getConfig().set(set.group(1), set.group(2));
        continue;
      }
      tableEnv.executeSql(statement);
      Matcher create = CREATE_TABLE.matcher(statement);
      if (create.matches() && recordWatermarks) useRecordWatermarks(unquote(create.group(1)));
    }
    return "{\"ok\":true,\"sinks\":[" + String.join(",", sinks) + "]}";
  }

  private String collect(String sinkName, String queryText) throws Exception {
    Table query = tableEnv.sqlQuery(queryText);
    List<Column> sinkColumns = tableEnv.from(quote(sinkName)).getResolvedSchema().getColumns().stream()
        .filter(Column::isPhysical).toList();
    List<String> queryNames = query.getResolvedSchema().getColumnNames();
    if (queryNames.size() != sinkColumns.size()) {
      throw new IllegalArgumentException("INSERT INTO " + sinkName + ": the query has " + queryNames.size()
          + " columns, the sink " + sinkColumns.size());
    }
    Expression[] casts = new Expression[queryNames.size()];
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < casts.length; i++) {
      Column column = sinkColumns.get(i);
      casts[i] = $(queryNames.get(i)).cast(column.getDataType().nullable()).as(column.getName());
      if (i > 0) columns.append(',');
      columns.append("{\"name\":").append(Json.string(column.getName())).append(",\"type\":")
          .append(Json.string(column.getDataType().getLogicalType().copy(true).asSummaryString())).append('}');
    }
    StringBuilder changes = new StringBuilder();
    try (CloseableIterator<Row> rows = query.select(casts).execute().collect()) {
      while (rows.hasNext()) {
        Row row = rows.next();
        if (changes.length() > 0) changes.append(',');
        changes.append('[').append(Json.string(row.getKind().shortString()));
        for (int i = 0; i < row.getArity(); i++) {
          Object value = row.getField(i);
          changes.append(',').append(value == null ? "null" : Json.string(text(value)));
        }
        changes.append(']');
      }
    }
    return "{\"sink\":" + Json.string(sinkName) + ",\"columns\":[" + columns + "],\"changes\":[" + changes + "]}";
  }

  /** Replaces filesystem table `name` (with a WATERMARK) by a view whose watermark follows every record. */
  private void useRecordWatermarks(String name) throws Exception {
    String database = tableEnv.getCurrentDatabase();
    CatalogBaseTable base = tableEnv.getCatalog(tableEnv.getCurrentCatalog()).orElseThrow()
        .getTable(new ObjectPath(database, name));
    if (!(base instanceof CatalogTable table)) return;
    if (!"filesystem".equals(table.getOptions().get("connector"))) return;
    Schema schema = table.getUnresolvedSchema();
    if (schema.getWatermarkSpecs().isEmpty()) return;
    Schema.UnresolvedWatermarkSpec watermark = schema.getWatermarkSpecs().get(0);

    Schema.Builder raw = Schema.newBuilder();
    for (Schema.UnresolvedColumn column : schema.getColumns()) {
      if (column instanceof Schema.UnresolvedPhysicalColumn physical) {
        raw.column(physical.getName(), physical.getDataType());
      } else if (column instanceof Schema.UnresolvedComputedColumn computed) {
        raw.columnByExpression(computed.getName(), computed.getExpression());
      } else if (column instanceof Schema.UnresolvedMetadataColumn metadata) {
        raw.columnByMetadata(metadata.getName(), metadata.getDataType(), metadata.getMetadataKey(), metadata.isVirtual());
      }
    }
    TableDescriptor.Builder descriptor = TableDescriptor.forConnector("filesystem").schema(raw.build());
    table.getOptions().forEach((key, value) -> {
      if (!key.equals("connector")) descriptor.option(key, value);
    });
    String rawName = "__sluice_raw_" + name;
    tableEnv.createTemporaryTable(quote(rawName), descriptor.build());
    tableEnv.executeSql("DROP TABLE " + quote(name));

    Table rawTable = tableEnv.from(quote(rawName))
        .addColumns(callSql(sqlText(watermark.getWatermarkExpression())).as(CANDIDATE));
    List<String> names = rawTable.getResolvedSchema().getColumnNames();
    DataStream<Row> stamped = tableEnv.toDataStream(rawTable).assignTimestampsAndWatermarks(
        PerRecordWatermarks.strategy(names.indexOf(watermark.getColumnName()), names.indexOf(CANDIDATE)));
    Table view = tableEnv.fromDataStream(stamped,
            Schema.newBuilder().watermark(watermark.getColumnName(), "SOURCE_WATERMARK()").build())
        .dropColumns($(CANDIDATE));
    tableEnv.createTemporaryView(quote(name), view);
  }

  /** Java's text of a value, except DECIMAL in plain notation (`0.0000000000`, not BigDecimal's `0E-10`). */
  private static String text(Object value) {
    if (value instanceof java.math.BigDecimal decimal) return decimal.toPlainString();
    return String.valueOf(value);
  }

  private static String sqlText(Expression expression) {
    if (expression instanceof SqlCallExpression call) return call.getSqlExpression();
    return expression.asSummaryString();
  }

  private static String unquote(String identifier) {
    return identifier.startsWith("`") ? identifier.substring(1, identifier.length() - 1).replace("``", "`") : identifier;
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
