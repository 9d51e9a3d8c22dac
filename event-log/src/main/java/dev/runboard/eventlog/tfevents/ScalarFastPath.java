package dev.runboard.eventlog.tfevents;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the commonest record of all, an {@code Event} whose summary holds only
 * {@code (tag, simple_value)} pairs (PyTorch, tensorboardX, TF1 scalars), straight from the wire
 * format, without building the generated message tree: several times cheaper per record. Anything
 * else (another field, metadata, another value kind) is declined and left to
 * {@link TfEventDecoder}, which gives the same result for these records (tests compare both).
 *
 * <p>Tags repeat on every record, so their strings are kept per tail rather than decoded again.
 * Tags are decoded as {@link Utf8Tags} does, like the full decoder.
 */
final class ScalarFastPath {
  private static final int WALL_TIME = tag(1, WireFormat.WIRETYPE_FIXED64);
  private static final int STEP = tag(2, WireFormat.WIRETYPE_VARINT);
  private static final int SUMMARY = tag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int SUMMARY_VALUE = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int VALUE_TAG = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int VALUE_SIMPLE = tag(2, WireFormat.WIRETYPE_FIXED32);
  private static final int MAX_CACHED_TAGS = 4096;

  /** A field's key on the wire: its number and wire type. */
  private static int tag(int field, int wireType) {
    return (field << 3) | wireType;
  }

  /** Receives scalar rows. */
  interface Rows {
    void add(String tag, long step, double wallTime, double value);
  }

  private final Map<ByteBuffer, String> tags = new HashMap<>();
  /** The record's values, held until the whole record is known to be fast-path material. */
  private String[] pendingTags = new String[8];

  private float[] pendingValues = new float[8];

  /** Adds the record's scalars and returns true, or returns false having added nothing. */
  boolean decode(ByteBuffer payload, Rows out) {
    try {
      return decodeOrDecline(payload, out);
    } catch (IOException | RuntimeException e) {
      // Malformed for the fast path: the full decoder reports it properly.
      return false;
    }
  }

  private boolean decodeOrDecline(ByteBuffer payload, Rows out) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(payload.duplicate());
    double wallTime = 0;
    long step = 0;
    int summaryStart = -1;
    int summaryLength = 0;
    int field;
    while ((field = in.readTag()) != 0) {
      if (field == WALL_TIME) {
        wallTime = in.readDouble();
      } else if (field == STEP) {
        step = in.readInt64();
      } else if (field == SUMMARY && summaryStart < 0) {
        summaryLength = in.readRawVarint32();
        summaryStart = in.getTotalBytesRead();
        in.skipRawBytes(summaryLength);
      } else {
        return false;
      }
    }
    if (summaryStart < 0) {
      return false;
    }
    int pending = 0;
    ByteBuffer summary = payload.duplicate().position(summaryStart).limit(summaryStart + summaryLength).slice();
    CodedInputStream values = CodedInputStream.newInstance(summary);
    while ((field = values.readTag()) != 0) {
      if (field != SUMMARY_VALUE) {
        return false;
      }
      int length = values.readRawVarint32();
      int valueEnd = values.getTotalBytesRead() + length;
      String tag = null;
      boolean hasValue = false;
      float value = 0;
      while (values.getTotalBytesRead() < valueEnd) {
        int valueField = values.readTag();
        if (valueField == VALUE_TAG) {
          int tagLength = values.readRawVarint32();
          int tagStart = values.getTotalBytesRead();
          tag = tag(summary, tagStart, tagLength);
          values.skipRawBytes(tagLength);
        } else if (valueField == VALUE_SIMPLE) {
          value = values.readFloat();
          hasValue = true;
        } else {
          return false;
        }
      }
      if (tag == null || tag.isEmpty() || !hasValue) {
        return false;
      }
      if (pending == pendingTags.length) {
        pendingTags = Arrays.copyOf(pendingTags, pending * 2);
        pendingValues = Arrays.copyOf(pendingValues, pending * 2);
      }
      pendingTags[pending] = tag;
      pendingValues[pending] = value;
      pending++;
    }
    for (int i = 0; i < pending; i++) {
      out.add(pendingTags[i], step, wallTime, pendingValues[i]);
    }
    return true;
  }

  private String tag(ByteBuffer summary, int start, int length) {
    ByteBuffer key = summary.duplicate().position(start).limit(start + length).slice();
    String tag = tags.get(key);
    if (tag == null) {
      byte[] bytes = new byte[length];
      key.duplicate().get(bytes);
      tag = Utf8Tags.decode(bytes);
      if (tags.size() < MAX_CACHED_TAGS) {
        tags.put(ByteBuffer.wrap(bytes), tag);
      }
    }
    return tag;
  }
}
