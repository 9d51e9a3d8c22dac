#!/bin/bash
# Stages the CUDA check for a GPU machine that has the CUDA 13 toolkit but no Java: a jlink'd
# JRE, the trainer-runtime classes (main + test) and the JavaCPP jars, in <repo>/.gpu (~57 MiB;
# add /.gpu/ to .git/info/exclude). Then, on the GPU machine, from the repo root:
#   bash .gpu/check.sh            (here, without a GPU, it exits 2 naming the missing library;
#   bash .gpu/check.sh --dry-run-without-gpu runs everything with pure Java in place of CUDA)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=${1:-$ROOT/.gpu}
(cd "$ROOT" && ./mvnw -B -o -q -pl trainer-runtime -am test-compile)
rm -rf "$DEST" && mkdir -p "$DEST/lib"
jlink --add-modules java.base,jdk.unsupported,java.logging,java.management --strip-debug \
  --no-header-files --no-man-pages --compress=2 --output "$DEST/jre"
M=${MAVEN_REPO:-$HOME/.m2/repository}/org/bytedeco
cp "$M"/javacpp/1.5.13/javacpp-1.5.13.jar "$M"/javacpp/1.5.13/javacpp-1.5.13-linux-x86_64.jar \
  "$M"/cuda/13.1-9.19-1.5.13/cuda-13.1-9.19-1.5.13.jar \
  "$M"/cuda/13.1-9.19-1.5.13/cuda-13.1-9.19-1.5.13-linux-x86_64.jar \
  "$M"/openblas/0.3.31-1.5.13/openblas-0.3.31-1.5.13.jar \
  "$M"/openblas/0.3.31-1.5.13/openblas-0.3.31-1.5.13-linux-x86_64.jar "$DEST/lib/"
# Only the cudart and cuBLAS wrappers are used: drop the other 25 JNI libraries (4 MB).
J="$DEST/lib/cuda-13.1-9.19-1.5.13-linux-x86_64.jar"
zip -q -d "$J" $(unzip -Z1 "$J" | grep '\.so$' | grep -v -E 'libjnicudart\.so|libjnicublas\.so')
cp -r "$ROOT/trainer-runtime/target/classes" "$DEST/classes"
cp -r "$ROOT/trainer-runtime/target/test-classes" "$DEST/test-classes"
# JUnit launcher, Jupiter and AssertJ: the test-scoped jars of trainer-runtime (~3 MB).
mkdir -p "$DEST/junit"
(cd "$ROOT" && ./mvnw -B -o -q -pl trainer-runtime dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$DEST/junit/classpath.txt")
tr ':' '\n' < "$DEST/junit/classpath.txt" | grep -E '/(junit|opentest4j|apiguardian|assertj)' \
  | xargs -I{} cp {} "$DEST/junit/"
rm "$DEST/junit/classpath.txt"
cp "$ROOT/trainer-runtime/gpu-check/run.sh" "$DEST/check.sh"
du -sh "$DEST"
