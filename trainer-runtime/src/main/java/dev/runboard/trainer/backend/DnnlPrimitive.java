package dev.runboard.trainer.backend;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One oneDNN primitive (through its C API, JavaCPP's {@code dnnl} presets) with a memory object per
 * argument, created once and re-pointed at the caller's native buffers on each {@link #execute}:
 * creating a primitive costs milliseconds (oneDNN generates code for the shapes), running it
 * microseconds more than its arithmetic.
 */
final class DnnlPrimitive {
  private static dnnl_engine engine;
  /** A stream per thread: convolution blocks run batch slices on several threads at once. */
  private static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(DnnlPrimitive::newStream);

  private final dnnl_primitive primitive = new dnnl_primitive();
  private final String implementation;
  private final dnnl_memory[] memories;
  private final dnnl_exec_arg_t execArgs;

  /**
   * @param pd   the primitive's descriptor (owned from here on)
   * @param args pairs of oneDNN argument kind ({@code DNNL_ARG_SRC}, ...) and memory descriptor
   */
  DnnlPrimitive(dnnl_primitive_desc pd, Object... args) {
    check(dnnl_primitive_create(primitive, pd), "creating a primitive");
    PointerPointer<BytePointer> info = new PointerPointer<>(1);
    check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, info), "querying its implementation");
    implementation = info.getString(0);
    int n = args.length / 2;
    memories = new dnnl_memory[n];
    execArgs = new dnnl_exec_arg_t(n);
    for (int i = 0; i < n; i++) {
      memories[i] = new dnnl_memory();
      // Created without a buffer (DNNL_MEMORY_NONE); execute sets the handle each time.
      check(dnnl_memory_create(memories[i], (dnnl_memory_desc) args[2 * i + 1], engine(), (Pointer) null), "creating memory");
      execArgs.position(i).arg((Integer) args[2 * i]).memory(memories[i]);
    }
    execArgs.position(0);
  }

  /** The oneDNN engine of the CPU, created on first use. */
  static synchronized dnnl_engine engine() {
    if (engine == null) {
      Loader.load(org.bytedeco.dnnl.global.dnnl.class);
      dnnl_engine e = new dnnl_engine();
      check(dnnl_engine_create(e, dnnl_cpu, 0), "creating the CPU engine");
      engine = e;
    }
    return engine;
  }

  private static dnnl_stream newStream() {
    dnnl_stream s = new dnnl_stream();
    check(dnnl_stream_create(s, engine(), dnnl_stream_default_flags), "creating a stream");
    return s;
  }

  /** What oneDNN chose, e.g. {@code brg_conv_fwd:avx512_core}. */
  String implementation() {
    return implementation;
  }

  /** Runs on {@code buffers}, one per argument in constructor order, and waits for the result. */
  synchronized void execute(Pointer... buffers) {
    for (int i = 0; i < memories.length; i++) {
      check(dnnl_memory_set_data_handle(memories[i], buffers[i]), "setting a buffer");
    }
    dnnl_stream stream = STREAM.get();
    check(dnnl_primitive_execute(primitive, stream, memories.length, execArgs), "executing");
    check(dnnl_stream_wait(stream), "waiting for the stream");
  }

  /**
   * A primitive copying values from layout {@code from} to layout {@code to} (args SRC, DST), or
   * null when the two are the same layout.
   */
  static DnnlPrimitive reorder(dnnl_memory_desc from, dnnl_memory_desc to) {
    if (dnnl_memory_desc_equal(from, to) != 0) {
      return null;
    }
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    check(dnnl_reorder_primitive_desc_create(pd, from, engine(), to, engine(), null), "creating a reorder");
    return new DnnlPrimitive(pd, DNNL_ARG_SRC, from, DNNL_ARG_DST, to);
  }

  /** A plain-layout memory descriptor for float32 values with {@code dims} in oneDNN's logical order. */
  static dnnl_memory_desc floats(int tag, long... dims) {
    engine();
    dnnl_memory_desc md = new dnnl_memory_desc();
    check(dnnl_memory_desc_create_with_tag(md, dims.length, new LongPointer(dims), dnnl_f32, tag), "creating a memory descriptor");
    return md;
  }

  static void check(int status, String what) {
    if (status != dnnl_success) {
      throw new IllegalStateException("oneDNN: " + what + " failed with status " + status);
    }
  }
}
