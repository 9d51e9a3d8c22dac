#!/bin/bash
# CUDA backend check (trainer-runtime/gpu-check; staged by stage.sh as .gpu/check.sh). Run from the repo root; writes to $OUT.
OUT=${OUT:-/tmp/cuda-check-out}; mkdir -p "$OUT"
{
echo "== host"; date -u; nproc; nvidia-smi -L 2>&1; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1
echo "== CUDA libraries"; ls -d /usr/local/cuda* 2>&1; ls /usr/local/cuda/lib64 2>&1 | grep -E 'cublas|cudart' | head
ldconfig -p | grep -E 'cublas|cudart|libcuda\.so' | head
} 2>&1 | tee "$OUT/env.txt"
V=/opt/torch/.venv/lib/python3.12/site-packages/nvidia
export LD_LIBRARY_PATH=/usr/local/cuda/lib64:/usr/local/cuda/targets/x86_64-linux/lib:/usr/local/nvidia/lib64:/usr/local/nvidia/lib:$V/cu13/lib:$V/cublas/lib:$V/cuda_runtime/lib:${LD_LIBRARY_PATH}
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH" | tee -a "$OUT/env.txt"
chmod +x .gpu/jre/bin/* .gpu/jre/lib/jspawnhelper 2>/dev/null
CP=.gpu/classes:.gpu/test-classes:$(ls .gpu/lib/*.jar | tr '\n' ':')
set -o pipefail
timeout 420 .gpu/jre/bin/java -Xmx8g -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp-cache -cp "$CP" \
  dev.runboard.trainer.backend.CudaGpuCheck "$@" 2>&1 | tee "$OUT/cuda-check.txt"
echo "exit status: $?" | tee -a "$OUT/cuda-check.txt"
# The JUnit class CudaBackendTest, whose CUDA tests skip themselves where there is no GPU.
if [ -d .gpu/junit ]; then
  timeout 120 .gpu/jre/bin/java -Xmx4g -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp-cache \
    -cp "$CP$(ls .gpu/junit/*.jar | tr '\n' ':')" dev.runboard.trainer.backend.GpuTestRunner 2>&1 | tee "$OUT/cuda-junit.txt"
  echo "junit exit status: $?" | tee -a "$OUT/cuda-junit.txt"
fi
