package dev.runboard.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Value;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.SummaryMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic hyperparameter search as TensorBoard's hparams API logs it: one run per session
 * ({@code run-0000}, ...), each with a session start (10 hyperparameters), 5 metrics at 5 steps and
 * a session end. One session in 7 diverges (its {@code val_loss} ends in NaN) and one in 11
 * failed. For the hparams benchmark and browser tests; deterministic for a seed.
 */
public final class HParamsSweepLogdir {
  public static final List<String> METRICS = List.of("accuracy", "loss", "val_accuracy", "val_loss", "f1");
  private static final List<String> OPTIMIZERS = List.of("adam", "sgd", "rmsprop");
  private static final List<String> ACTIVATIONS = List.of("relu", "tanh", "gelu");

  private HParamsSweepLogdir() {}

  /** Writes the sessions under {@code root}; returns each session's hyperparameters, by run. */
  public static Map<String, Map<String, Object>> write(Path root, int sessions, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    double t = 1_700_000_000;
    for (int i = 0; i < sessions; i++) {
      String run = String.format(Locale.ROOT, "run-%04d", i);
      Map<String, Object> h = new LinkedHashMap<>();
      double lr = Math.pow(10, -4 + 3 * random.nextDouble());
      h.put("learning_rate", lr);
      h.put("batch_size", (double) List.of(16, 32, 64, 128).get(random.nextInt(4)));
      h.put("dropout", Math.round(random.nextDouble() * 50) / 100.0);
      h.put("optimizer", OPTIMIZERS.get(random.nextInt(3)));
      h.put("layers", (double) (1 + random.nextInt(4)));
      h.put("units", (double) (32 << random.nextInt(5)));
      h.put("weight_decay", Math.pow(10, -6 + 3 * random.nextDouble()));
      h.put("momentum", 0.8 + random.nextInt(20) / 100.0);
      h.put("warmup_steps", (double) (100 * random.nextInt(10)));
      h.put("activation", ACTIVATIONS.get(random.nextInt(3)));
      all.put(run, h);
      // Accuracy peaks at a learning rate of 10^-2.5; dropout helps a little.
      double quality = 0.95 - 0.08 * Math.pow(Math.log10(lr) + 2.5, 2) + 0.05 * (double) h.get("dropout");
      List<Event> events = new ArrayList<>();
      events.add(hparams("_hparams_/session_start_info", t, HParamsProtos.HParamsPluginData.newBuilder()
          .setSessionStartInfo(start(h, t)).build()));
      for (int step = 0; step < 5; step++) {
        double progress = (step + 1) / 5.0;
        double accuracy = quality * progress + random.nextGaussian() * 0.01;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("accuracy", accuracy);
        values.put("loss", (1 - accuracy) * 2);
        values.put("val_accuracy", accuracy - 0.02);
        values.put("val_loss", i % 7 == 3 && step == 4 ? Double.NaN : (1.02 - accuracy) * 2);
        values.put("f1", accuracy * 0.97);
        Summary.Builder summary = Summary.newBuilder();
        values.forEach((tag, v) -> summary.addValue(Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setSimpleValue(v.floatValue())));
        events.add(Event.newBuilder().setWallTime(t + step).setStep(step).setSummary(summary).build());
      }
      HParamsProtos.Status status = i % 11 == 5 ? HParamsProtos.Status.STATUS_FAILURE : HParamsProtos.Status.STATUS_SUCCESS;
      events.add(hparams("_hparams_/session_end_info", t + 5, HParamsProtos.HParamsPluginData.newBuilder()
          .setSessionEndInfo(HParamsProtos.SessionEndInfo.newBuilder().setStatus(status).setEndTimeSecs(t + 5)).build()));
      Path dir = root.resolve(run);
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(dir.resolve("events.out.tfevents.1700000000.sweep"))) {
        TfRecordWriter writer = new TfRecordWriter(out);
        for (Event e : events) {
          writer.write(e.toByteArray());
        }
      }
    }
    return all;
  }

  /** A session start with these hyperparameters (String, Double or Boolean values). */
  public static HParamsProtos.SessionStartInfo start(Map<String, Object> hparams, double t) {
    HParamsProtos.SessionStartInfo.Builder start = HParamsProtos.SessionStartInfo.newBuilder().setStartTimeSecs(t);
    hparams.forEach((k, v) -> start.putHparams(k, v instanceof Double d ? Value.newBuilder().setNumberValue(d).build()
        : v instanceof Boolean b ? Value.newBuilder().setBoolValue(b).build()
        : Value.newBuilder().setStringValue(v.toString()).build()));
    return start.build();
  }

  /** A summary value of the hparams plugin (no value, only its metadata), as TensorBoard writes them. */
  public static Event hparams(String tag, double wall, HParamsProtos.HParamsPluginData data) {
    SummaryMetadata metadata = SummaryMetadata.newBuilder()
        .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(ByteString.copyFromUtf8("hparams")).setContent(data.toByteString()))
        .build();
    return Event.newBuilder().setWallTime(wall)
        .setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setMetadata(metadata)))
        .build();
  }

  /** As {@link #write}, for callers that cannot throw. */
  public static Map<String, Map<String, Object>> writeUnchecked(Path root, int sessions, long seed) {
    try {
      return write(root, sessions, seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
