package org.convspark.engine.gemm;

/**
 * Chooses the default GEMM once per JVM. {@code -Dconvspark.gemm=netlib} (default) or
 * {@code java} (netlib's Java kernels, never native) overrides the choice.
 */
final class Gemms {
    static final Gemm DEFAULT = choose(System.getProperty("convspark.gemm", "netlib"));

    private Gemms() {
    }

    static Gemm choose(String name) {
        switch (name) {
            case "netlib":
                return NetlibGemm.best();
            case "java":
                return NetlibGemm.javaOnly();
            default:
                throw new IllegalArgumentException("-Dconvspark.gemm=" + name + " is not one of netlib, java");
        }
    }
}
