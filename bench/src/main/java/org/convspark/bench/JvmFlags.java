package org.convspark.bench;

/**
 * The JVM flags every benchmark fork runs with (in {@code @Fork(jvmArgsAppend)}; {@code
 * bench/run-engine.sh} passes the same to the parent JVM): the Vector API, without which the
 * small LeNet layers fall back from their direct kernels to im2col, and the foreign linker, without
 * which {@code KernelReport} cannot ask OpenBLAS which kernel it runs.
 */
final class JvmFlags {
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    static final String FOREIGN = "--add-modules=jdk.incubator.foreign";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private JvmFlags() {
    }
}
