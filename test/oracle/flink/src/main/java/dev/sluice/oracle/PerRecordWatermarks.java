package dev.sluice.oracle;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Row;

/**
 * A watermark after every record: the maximum watermark candidate (the table's WATERMARK expression, evaluated into
 * a hidden column) seen so far, emitted right after the record that raised it. This is Sluice's model (and that of
 * Flink's own integration tests), and it makes Flink's answer independent of timing.
 */
final class PerRecordWatermarks {
  private PerRecordWatermarks() {}

  static WatermarkStrategy<Row> strategy(int rowtimeIndex, int candidateIndex) {
    WatermarkGeneratorSupplier<Row> generator = context -> new Generator(candidateIndex);
    SerializableTimestampAssigner<Row> timestamps = (row, previous) -> millis(row.getField(rowtimeIndex));
    return WatermarkStrategy.forGenerator(generator).withTimestampAssigner(timestamps);
  }

  static long millis(Object value) {
    if (value instanceof LocalDateTime time) return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    if (value instanceof Instant instant) return instant.toEpochMilli(); // a TIMESTAMP_LTZ rowtime
    return Long.MIN_VALUE;
  }

  private static final class Generator implements WatermarkGenerator<Row> {
    private final int candidateIndex;
    private long max = Long.MIN_VALUE;

    Generator(int candidateIndex) {
      this.candidateIndex = candidateIndex;
    }

    @Override
    public void onEvent(Row row, long timestamp, WatermarkOutput output) {
      long candidate = millis(row.getField(candidateIndex));
      if (candidate > max) {
        max = candidate;
        output.emitWatermark(new Watermark(candidate));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }
}
