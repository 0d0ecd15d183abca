package org.convspark.engine.gemm;

import dev.ludovic.netlib.blas.BLAS;

/**
 * GEMM through {@code dev.ludovic.netlib}, the BLAS provider Spark MLlib uses: native OpenBLAS
 * when the system has {@code libblas.so.3}, otherwise its Java (Vector API or scalar) kernels.
 * BLAS is column-major, so a row-major {@code C = op(A) op(B)} is computed as the column-major
 * {@code C^T = op(B)^T op(A)^T}: swap the operands and their roles, keep the transpose flags.
 */
public final class NetlibGemm implements Gemm {
    private final BLAS blas;

    public NetlibGemm(BLAS blas) {
        this.blas = blas;
    }

    /** The best BLAS netlib can load here. */
    public static NetlibGemm best() {
        return new NetlibGemm(BLAS.getInstance());
    }

    /** netlib's Java BLAS only, never native (for comparisons in benchmarks). */
    public static NetlibGemm javaOnly() {
        return new NetlibGemm(dev.ludovic.netlib.blas.JavaBLAS.getInstance());
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
                alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
    }

    @Override
    public String name() {
        return "netlib:" + blas.getClass().getSimpleName();
    }
}
