package dev.runboard.trainer.backend;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * CPU backend on oneDNN (the deep-learning kernel library under TensorFlow's and PyTorch's CPU
 * convolutions; JavaCPP's {@code dnnl} presets): convolution blocks ({@link
 * ConvolutionBlocks}: convolution with bias and ReLU fused as a post-op, max pooling, and their
 * backward passes) run as oneDNN primitives on native buffers, NHWC throughout, as the trainer
 * lays out images. GEMMs (dense layers) go to {@code gemm}, the OpenBLAS backend's by default; the
 * other element-wise work stays in Java ({@link CpuKernels}).
 *
 * <p>Primitives are created once per shape and reused; native buffers are pooled by size. The
 * pure-Java backend is the reference its results are tested against, op by op ({@code
 * FusedConvolutionTest}) and over training steps ({@code DnnlBackendTest}). OpenMP, oneDNN's
 * threading here, reads its thread count from {@code OMP_NUM_THREADS} once, at start-up (the
 * launcher sets 1; see docs/PERFORMANCE.md).
 */
public final class DnnlBackend extends CpuKernels implements ConvolutionBlocks {
  private final Backend gemm;
  private final String version;
  private final Map<BlockKey, BlockPrimitives> primitives = new HashMap<>();
  private final Map<Long, ArrayDeque<Pointer>> spare = new HashMap<>();

  private DnnlBackend(ForkJoinPool pool, Backend gemm, String version) {
    super(pool);
    this.gemm = gemm;
    this.version = version;
  }

  /**
   * Loads oneDNN.
   *
   * @param gemm the backend dense layers' GEMMs run on (OpenBLAS)
   * @throws LinkageError (typically {@link UnsatisfiedLinkError}) when oneDNN cannot be loaded
   */
  public static DnnlBackend load(ForkJoinPool pool, Backend gemm) {
    DnnlPrimitive.engine();
    dnnl_version_t v = dnnl_version();
    return new DnnlBackend(pool, gemm, v.major() + "." + v.minor() + "." + v.patch());
  }

  @Override
  public String name() {
    return "oneDNN " + version + " convolutions + " + gemm.name();
  }

  @Override
  public ConvolutionBlocks convolutionBlocks() {
    return this;
  }

  /** The GEMM backend. */
  public Backend gemmBackend() {
    return gemm;
  }

  @Override
  public void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float beta, float[] c, int cOffset) {
    gemm.gemm(transA, transB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
  }

  /** Which oneDNN kernels run a block of these shapes (for benchmarks and logs). */
  public List<String> implementations(ConvGeometry conv, int filters, boolean relu, ConvGeometry pool) {
    return entry(new BlockKey(conv, filters, relu, pool, 0)).implementations();
  }

  // ---- convolution blocks -----------------------------------------------------------------

  /** A block shape; {@code lane} keeps concurrently running batch slices on primitives of their own. */
  private record BlockKey(ConvGeometry conv, int filters, boolean relu, ConvGeometry pool, int lane) {}

  /** The primitives of one block shape: forward (training and inference), pooling, backward. */
  private static final class BlockPrimitives {
    final ConvGeometry conv;
    final int filters;
    final long inputSize;
    final long kernelSize;
    /** Bytes of the kernel in the layouts the forward and backward-data kernels read. */
    final long forwardWeightsBytes;
    final long backwardWeightsBytes;
    final long diffWeightsBytes;
    /** Reorders from the trainer's HWIO kernel to those layouts and back; null when equal. */
    final DnnlPrimitive toForwardWeights;
    final DnnlPrimitive toBackwardWeights;
    final DnnlPrimitive fromDiffWeights;
    final long convOutSize;
    final long pooledSize;
    final long workspaceBytes;
    final DnnlPrimitive forwardTraining;
    final DnnlPrimitive forwardInference;
    final DnnlPrimitive poolTraining;
    final DnnlPrimitive poolInference;
    final DnnlPrimitive poolBackward;
    final DnnlPrimitive reluBackward;
    final DnnlPrimitive backwardData;
    final DnnlPrimitive backwardWeights;

    BlockPrimitives(BlockKey key) {
      ConvGeometry g = key.conv();
      int f = key.filters();
      conv = g;
      filters = f;
      inputSize = g.inputSize();
      kernelSize = (long) g.patchSize() * f;
      convOutSize = (long) g.outputPixels() * f;
      dnnl_memory_desc src = DnnlPrimitive.floats(dnnl_nhwc, g.batch(), g.channels(), g.height(), g.width());
      dnnl_memory_desc weights = DnnlPrimitive.floats(dnnl_hwio, f, g.channels(), g.kh(), g.kw());
      // "any": each kernel picks its own weight layout (blocked ones give the faster brgemm and
      // JIT kernels: 6x faster for the first convolution's weight gradient); reorders convert.
      dnnl_memory_desc anyWeights = DnnlPrimitive.floats(dnnl_format_tag_any, f, g.channels(), g.kh(), g.kw());
      dnnl_memory_desc bias = DnnlPrimitive.floats(dnnl_x, f);
      dnnl_memory_desc dst = DnnlPrimitive.floats(dnnl_nhwc, g.batch(), f, g.outH(), g.outW());
      LongPointer strides = new LongPointer((long) g.strideH(), g.strideW());
      LongPointer dilation = new LongPointer(0L, 0L);
      LongPointer padL = new LongPointer((long) g.padTop(), g.padLeft());
      LongPointer padR = new LongPointer(padEnd(g)[0], padEnd(g)[1]);
      dnnl_primitive_attr attr = new dnnl_primitive_attr();
      DnnlPrimitive.check(dnnl_primitive_attr_create(attr), "creating attributes");
      if (key.relu()) {
        dnnl_post_ops ops = new dnnl_post_ops();
        DnnlPrimitive.check(dnnl_post_ops_create(ops), "creating post-ops");
        DnnlPrimitive.check(dnnl_post_ops_append_eltwise(ops, dnnl_eltwise_relu, 0f, 0f), "appending ReLU");
        DnnlPrimitive.check(dnnl_primitive_attr_set_post_ops(attr, ops), "setting post-ops");
        dnnl_post_ops_destroy(ops);
      }
      dnnl_primitive_desc fwdTraining = new dnnl_primitive_desc();
      DnnlPrimitive.check(dnnl_convolution_forward_primitive_desc_create(
          fwdTraining, DnnlPrimitive.engine(), dnnl_forward_training, dnnl_convolution_direct,
          src, anyWeights, bias, dst, strides, dilation, padL, padR, attr), "convolution forward " + g);
      dnnl_memory_desc forwardWeights = dnnl_primitive_desc_query_md(fwdTraining, dnnl_query_weights_md, 0);
      forwardTraining = new DnnlPrimitive(fwdTraining,
          DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, forwardWeights, DNNL_ARG_BIAS, bias, DNNL_ARG_DST, dst);
      dnnl_primitive_desc fwdInference = new dnnl_primitive_desc();
      DnnlPrimitive.check(dnnl_convolution_forward_primitive_desc_create(
          fwdInference, DnnlPrimitive.engine(), dnnl_forward_inference, dnnl_convolution_direct,
          src, forwardWeights, bias, dst, strides, dilation, padL, padR, attr), "convolution inference " + g);
      forwardInference = new DnnlPrimitive(fwdInference,
          DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, forwardWeights, DNNL_ARG_BIAS, bias, DNNL_ARG_DST, dst);
      dnnl_primitive_attr_destroy(attr);

      dnnl_primitive_desc bwdData = new dnnl_primitive_desc();
      DnnlPrimitive.check(dnnl_convolution_backward_data_primitive_desc_create(
          bwdData, DnnlPrimitive.engine(), dnnl_convolution_direct, src, anyWeights, dst,
          strides, dilation, padL, padR, fwdTraining, null), "convolution backward data " + g);
      dnnl_memory_desc backwardWeightsMd = dnnl_primitive_desc_query_md(bwdData, dnnl_query_weights_md, 0);
      backwardData = new DnnlPrimitive(bwdData,
          DNNL_ARG_DIFF_DST, dst, DNNL_ARG_WEIGHTS, backwardWeightsMd, DNNL_ARG_DIFF_SRC, src);
      dnnl_primitive_desc bwdWeights = new dnnl_primitive_desc();
      DnnlPrimitive.check(dnnl_convolution_backward_weights_primitive_desc_create(
          bwdWeights, DnnlPrimitive.engine(), dnnl_convolution_direct, src, anyWeights, bias, dst,
          strides, dilation, padL, padR, fwdTraining, null), "convolution backward weights " + g);
      dnnl_memory_desc diffWeights = dnnl_primitive_desc_query_md(bwdWeights, dnnl_query_diff_weights_md, 0);
      backwardWeights = new DnnlPrimitive(bwdWeights,
          DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, dst, DNNL_ARG_DIFF_WEIGHTS, diffWeights, DNNL_ARG_DIFF_BIAS, bias);
      forwardWeightsBytes = dnnl_memory_desc_get_size(forwardWeights);
      backwardWeightsBytes = dnnl_memory_desc_get_size(backwardWeightsMd);
      diffWeightsBytes = dnnl_memory_desc_get_size(diffWeights);
      toForwardWeights = DnnlPrimitive.reorder(weights, forwardWeights);
      toBackwardWeights = DnnlPrimitive.reorder(weights, backwardWeightsMd);
      fromDiffWeights = DnnlPrimitive.reorder(diffWeights, weights);

      ConvGeometry p = key.pool();
      dnnl_memory_desc pooledMd = null;
      if (p != null) {
        pooledSize = (long) p.outputPixels() * f;
        dnnl_memory_desc pooled = DnnlPrimitive.floats(dnnl_nhwc, p.batch(), f, p.outH(), p.outW());
        pooledMd = pooled;
        LongPointer poolStrides = new LongPointer((long) p.strideH(), p.strideW());
        LongPointer kernel = new LongPointer((long) p.kh(), p.kw());
        LongPointer poolPadL = new LongPointer((long) p.padTop(), p.padLeft());
        LongPointer poolPadR = new LongPointer(padEnd(p)[0], padEnd(p)[1]);
        dnnl_primitive_desc poolFwd = new dnnl_primitive_desc();
        DnnlPrimitive.check(dnnl_pooling_forward_primitive_desc_create(
            poolFwd, DnnlPrimitive.engine(), dnnl_forward_training, dnnl_pooling_max, dst, pooled,
            poolStrides, kernel, dilation, poolPadL, poolPadR, null), "max pooling " + p);
        dnnl_memory_desc workspace = dnnl_primitive_desc_query_md(poolFwd, dnnl_query_workspace_md, 0);
        workspaceBytes = dnnl_memory_desc_get_size(workspace);
        poolTraining = new DnnlPrimitive(poolFwd,
            DNNL_ARG_SRC, dst, DNNL_ARG_DST, pooled, DNNL_ARG_WORKSPACE, workspace);
        dnnl_primitive_desc poolInf = new dnnl_primitive_desc();
        DnnlPrimitive.check(dnnl_pooling_forward_primitive_desc_create(
            poolInf, DnnlPrimitive.engine(), dnnl_forward_inference, dnnl_pooling_max, dst, pooled,
            poolStrides, kernel, dilation, poolPadL, poolPadR, null), "max pooling inference " + p);
        poolInference = new DnnlPrimitive(poolInf, DNNL_ARG_SRC, dst, DNNL_ARG_DST, pooled);
        dnnl_primitive_desc poolBwd = new dnnl_primitive_desc();
        DnnlPrimitive.check(dnnl_pooling_backward_primitive_desc_create(
            poolBwd, DnnlPrimitive.engine(), dnnl_pooling_max, dst, pooled,
            poolStrides, kernel, dilation, poolPadL, poolPadR, poolFwd, null), "max pooling backward " + p);
        poolBackward = new DnnlPrimitive(poolBwd,
            DNNL_ARG_DIFF_DST, pooled, DNNL_ARG_DIFF_SRC, dst, DNNL_ARG_WORKSPACE, workspace);
      } else {
        pooledSize = convOutSize;
        workspaceBytes = 0;
        poolTraining = null;
        poolInference = null;
        poolBackward = null;
      }
      if (key.relu()) {
        // On the block's output: the pooled values when pooling follows (see backward).
        dnnl_memory_desc output = key.pool() == null ? dst : pooledMd;
        dnnl_primitive_desc hint = new dnnl_primitive_desc();
        DnnlPrimitive.check(dnnl_eltwise_forward_primitive_desc_create(
            hint, DnnlPrimitive.engine(), dnnl_forward_training, dnnl_eltwise_relu_use_dst_for_bwd,
            output, output, 0f, 0f, null), "ReLU forward");
        dnnl_primitive_desc bwd = new dnnl_primitive_desc();
        DnnlPrimitive.check(dnnl_eltwise_backward_primitive_desc_create(
            bwd, DnnlPrimitive.engine(), dnnl_eltwise_relu_use_dst_for_bwd, output, output, output, 0f, 0f, hint, null),
            "ReLU backward");
        reluBackward = new DnnlPrimitive(bwd, DNNL_ARG_DST, output, DNNL_ARG_DIFF_DST, output, DNNL_ARG_DIFF_SRC, output);
        dnnl_primitive_desc_destroy(hint);
      } else {
        reluBackward = null;
      }
    }

    List<String> implementations() {
      List<String> names = new ArrayList<>();
      for (DnnlPrimitive p : new DnnlPrimitive[] {
          forwardTraining, backwardData, backwardWeights, reluBackward, poolTraining, poolBackward,
          toForwardWeights, toBackwardWeights, fromDiffWeights}) {
        if (p != null) {
          names.add(p.implementation());
        }
      }
      return names;
    }
  }

  /** Padding after the last row and column: what "same" adds at the end (0 for "valid"). */
  private static long[] padEnd(ConvGeometry g) {
    long padH = Math.max(0, (long) (g.outH() - 1) * g.strideH() + g.kh() - g.height() - g.padTop());
    long padW = Math.max(0, (long) (g.outW() - 1) * g.strideW() + g.kw() - g.width() - g.padLeft());
    return new long[] {padH, padW};
  }

  private synchronized BlockPrimitives entry(BlockKey key) {
    return primitives.computeIfAbsent(key, BlockPrimitives::new);
  }

  /** Native buffers of a block, from forward to backward. */
  private final class Block implements ConvolutionBlock {
    final BlockPrimitives p;
    final FloatPointer src;
    final FloatPointer weights; // HWIO, as the trainer holds it
    final FloatPointer output; // the block's output: what the ReLU mask is read from
    final BytePointer workspace; // max pooling's winners
    private boolean closed;

    Block(BlockPrimitives p, FloatPointer src, FloatPointer weights, FloatPointer output, BytePointer workspace) {
      this.p = p;
      this.src = src;
      this.weights = weights;
      this.output = output;
      this.workspace = workspace;
    }

    @Override
    public void close() {
      synchronized (DnnlBackend.this) {
        if (!closed) {
          closed = true;
          release(src);
          release(weights);
          release(output);
          release(workspace);
        }
      }
    }
  }

  /**
   * Batch slices run at once, one per thread of the fork-join pool, each on single-threaded
   * primitives of its own: the parallelism comes from the JVM's pool, whose idle workers park,
   * rather than from OpenMP threads, which spin while they wait and then fight the JVM's loop
   * threads (and any other work) for the cores (docs/PERFORMANCE.md). {@code
   * -Drunboard.dnnl.lanes=1} runs whole batches instead.
   */
  private int lanes(int batch) {
    int configured = Integer.getInteger("runboard.dnnl.lanes", parallelism());
    return Math.max(1, Math.min(configured, batch / MIN_LANE_BATCH));
  }

  /** Fewer images than this per slice are not worth a thread. */
  private static final int MIN_LANE_BATCH = 8;

  /** The blocks of a batch's slices. */
  private record LanedBlock(Block[] lanes, int[] starts) implements ConvolutionBlock {
    @Override
    public void close() {
      for (Block lane : lanes) {
        lane.close();
      }
    }
  }

  @Override
  public ConvolutionBlock forward(
      float[] input, ConvGeometry conv, float[] kernel, float[] bias, int filters, boolean relu,
      ConvGeometry pool, boolean training, float[] out) {
    int lanes = lanes(conv.batch());
    int[] starts = new int[lanes + 1];
    for (int l = 0; l <= lanes; l++) {
      starts[l] = (int) ((long) conv.batch() * l / lanes);
    }
    int perImageIn = conv.height() * conv.width() * conv.channels();
    int perImageOut = pool == null ? conv.outH() * conv.outW() * filters : pool.outH() * pool.outW() * filters;
    Block[] blocks = new Block[lanes];
    parallelFor(lanes, Integer.MAX_VALUE / lanes, (from, to) -> {
      for (int l = from; l < to; l++) {
        int n = starts[l + 1] - starts[l];
        BlockKey key = new BlockKey(withBatch(conv, n), filters, relu, pool == null ? null : withBatch(pool, n), l);
        blocks[l] = forwardLane(key, input, starts[l] * perImageIn, kernel, bias, training, out, starts[l] * perImageOut);
      }
    });
    return training ? new LanedBlock(blocks, starts) : null;
  }

  @Override
  public void backward(
      ConvolutionBlock handle, float[] grad, float[] kernelGradient, float[] biasGradient, float[] inputGradient) {
    LanedBlock laned = (LanedBlock) handle;
    int lanes = laned.lanes().length;
    int[] starts = laned.starts();
    ConvGeometry first = laned.lanes()[0].p.conv;
    int perImageIn = first.height() * first.width() * first.channels();
    long perImageOut = laned.lanes()[0].p.pooledSize / first.batch();
    // Weight gradients of the slices are summed in slice order: the same sums on every run.
    float[][] kernelParts = new float[lanes][];
    float[][] biasParts = new float[lanes][];
    parallelFor(lanes, Integer.MAX_VALUE / lanes, (from, to) -> {
      for (int l = from; l < to; l++) {
        kernelParts[l] = kernelGradient == null ? null : lanes == 1 ? kernelGradient : new float[kernelGradient.length];
        biasParts[l] = biasGradient == null ? null : lanes == 1 ? biasGradient : new float[biasGradient.length];
        backwardLane(laned.lanes()[l], grad, (int) (starts[l] * perImageOut), kernelParts[l], biasParts[l],
            inputGradient, starts[l] * perImageIn);
      }
    });
    if (lanes > 1) {
      for (int l = 0; l < lanes; l++) {
        addInto(kernelParts[l], kernelGradient);
        addInto(biasParts[l], biasGradient);
      }
    }
  }

  private static void addInto(float[] part, float[] target) {
    if (part != null) {
      for (int i = 0; i < part.length; i++) {
        target[i] += part[i];
      }
    }
  }

  private static ConvGeometry withBatch(ConvGeometry g, int batch) {
    return new ConvGeometry(
        batch, g.height(), g.width(), g.channels(), g.kh(), g.kw(), g.strideH(), g.strideW(), g.padTop(),
        g.padLeft(), g.outH(), g.outW());
  }

  /** One batch slice's forward: input from {@code inputOffset}, output to {@code outOffset}. */
  private Block forwardLane(
      BlockKey key, float[] input, int inputOffset, float[] kernel, float[] bias, boolean training,
      float[] out, int outOffset) {
    BlockPrimitives p = entry(key);
    int filters = key.filters();
    FloatPointer src = floats(p.inputSize);
    FloatPointer weights = floats(p.kernelSize);
    FloatPointer biasBuffer = floats(filters);
    src.position(0).put(input, inputOffset, (int) p.inputSize);
    weights.position(0).put(kernel, 0, (int) p.kernelSize);
    biasBuffer.position(0).put(bias, 0, filters);
    FloatPointer forwardWeights = reordered(p.toForwardWeights, weights, p.forwardWeightsBytes);
    FloatPointer convOut = floats(p.convOutSize);
    (training ? p.forwardTraining : p.forwardInference).execute(src, forwardWeights, biasBuffer, convOut);
    release(biasBuffer);
    if (forwardWeights != weights) {
      release(forwardWeights);
    }
    FloatPointer output = convOut;
    BytePointer workspace = null;
    if (key.pool() != null) {
      output = floats(p.pooledSize);
      if (training) {
        workspace = bytes(p.workspaceBytes);
        p.poolTraining.execute(convOut, output, workspace);
      } else {
        p.poolInference.execute(convOut, output);
      }
      release(convOut); // backward needs only the winners (workspace) and the pooled output
    }
    output.position(0).get(out, outOffset, (int) p.pooledSize);
    if (!training) {
      release(src);
      release(weights);
      release(output);
      return null;
    }
    return new Block(p, src, weights, output, workspace);
  }

  /** One batch slice's backward: its output gradient from {@code gradOffset}, its input gradient to {@code inputOffset}. */
  private void backwardLane(
      Block block, float[] grad, int gradOffset, float[] kernelGradient, float[] biasGradient,
      float[] inputGradient, int inputOffset) {
    BlockPrimitives p = block.p;
    FloatPointer outGrad = floats(p.pooledSize);
    outGrad.position(0).put(grad, gradOffset, (int) p.pooledSize);
    if (p.reluBackward != null) {
      // On the pooled output when there is pooling: a pooled value is its window's winner, so it
      // is positive exactly where ReLU passed the winner's gradient; a quarter of the work.
      p.reluBackward.execute(block.output, outGrad, outGrad); // in place
    }
    FloatPointer convGrad = outGrad;
    if (p.poolBackward != null) {
      convGrad = floats(p.convOutSize);
      p.poolBackward.execute(outGrad, convGrad, block.workspace);
      release(outGrad);
    }
    if (kernelGradient != null || biasGradient != null) {
      FloatPointer diffWeights = floats(bytesToFloats(p.diffWeightsBytes));
      FloatPointer diffBias = floats(p.filters);
      p.backwardWeights.execute(block.src, convGrad, diffWeights, diffBias);
      if (kernelGradient != null) {
        FloatPointer hwio = diffWeights;
        if (p.fromDiffWeights != null) {
          hwio = floats(p.kernelSize);
          p.fromDiffWeights.execute(diffWeights, hwio);
        }
        addInto(hwio, kernelGradient);
        if (hwio != diffWeights) {
          release(hwio);
        }
      }
      if (biasGradient != null) {
        addInto(diffBias, biasGradient);
      }
      release(diffWeights);
      release(diffBias);
    }
    if (inputGradient != null) {
      FloatPointer weights = reordered(p.toBackwardWeights, block.weights, p.backwardWeightsBytes);
      FloatPointer dx = floats(p.inputSize);
      p.backwardData.execute(convGrad, weights, dx);
      dx.position(0).get(inputGradient, inputOffset, (int) p.inputSize);
      release(dx);
      if (weights != block.weights) {
        release(weights);
      }
    }
    release(convGrad);
  }

  /** {@code hwio} itself when no reorder is needed, else a buffer holding it in the other layout. */
  private FloatPointer reordered(DnnlPrimitive reorder, FloatPointer hwio, long bytes) {
    if (reorder == null) {
      return hwio;
    }
    FloatPointer target = floats(bytesToFloats(bytes));
    reorder.execute(hwio, target);
    return target;
  }

  private static long bytesToFloats(long bytes) {
    return (bytes + 3) / 4;
  }

  private static void addInto(FloatPointer source, float[] target) {
    java.nio.FloatBuffer values = source.position(0).limit(target.length).asBuffer();
    for (int i = 0; i < target.length; i++) {
      target[i] += values.get(i);
    }
  }

  // ---- native buffers, reused by size ------------------------------------------------------

  private synchronized FloatPointer floats(long size) {
    ArrayDeque<Pointer> free = spare.get(size * 4);
    Pointer p = free == null ? null : free.poll();
    return p != null ? (FloatPointer) p : new FloatPointer(size);
  }

  private synchronized BytePointer bytes(long size) {
    ArrayDeque<Pointer> free = spare.get(-size); // negative keys: byte buffers
    Pointer p = free == null ? null : free.poll();
    return p != null ? (BytePointer) p : new BytePointer(size);
  }

  private synchronized void release(Pointer p) {
    if (p == null) {
      return;
    }
    long key = p instanceof BytePointer ? -p.capacity() : p.capacity() * 4;
    spare.computeIfAbsent(key, k -> new ArrayDeque<>()).push(p);
  }
}
