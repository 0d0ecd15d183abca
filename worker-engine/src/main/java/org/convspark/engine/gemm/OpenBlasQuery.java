package org.convspark.engine.gemm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Optional;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.SymbolLookup;

/**
 * Asks a loaded OpenBLAS which kernel it runs: {@code openblas_get_corename()} and
 * {@code openblas_get_config()}, through JDK 17's foreign linker. Hand-written because nothing
 * else exposes them to Java: netlib's JNI layer only forwards the BLAS routines.
 *
 * <p>Only loaded when the {@code jdk.incubator.foreign} module is present and native access is
 * enabled ({@code --add-modules=jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}, which
 * the launchers and cluster configs pass); {@link KernelReport} falls back to what the file name
 * and the environment say otherwise. {@code System.load} of a library netlib already loaded
 * returns the same handle (the dynamic loader counts references), so nothing is loaded twice.
 */
final class OpenBlasQuery {
    private OpenBlasQuery() {
    }

    /** The core name and configuration string of the OpenBLAS at {@code library}, if it is one. */
    static Optional<String[]> query(Path library) {
        System.load(library.toString());
        SymbolLookup lookup = SymbolLookup.loaderLookup();
        Optional<String> core = call(lookup, "openblas_get_corename");
        Optional<String> config = call(lookup, "openblas_get_config");
        if (core.isEmpty() || config.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {core.get().trim(), config.get().trim()});
    }

    private static Optional<String> call(SymbolLookup lookup, String function) {
        return lookup.lookup(function).map(symbol -> {
            MethodHandle handle = CLinker.getInstance().downcallHandle(symbol,
                    MethodType.methodType(MemoryAddress.class), FunctionDescriptor.of(CLinker.C_POINTER));
            try {
                return CLinker.toJavaString((MemoryAddress) handle.invokeExact());
            } catch (Throwable e) {
                throw new IllegalStateException(function + "() failed", e);
            }
        });
    }
}
