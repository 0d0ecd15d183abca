package org.convspark.engine.gemm;

/**
 * The engine's single matrix-multiply entry point, row-major:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(A)} is {@code m x k},
 * {@code op(B)} is {@code k x n} and {@code C} is {@code m x n}; {@code lda}, {@code ldb},
 * {@code ldc} are row strides of the arrays as stored (before transposition).
 * Implementations are thread-safe.
 */
public interface Gemm {
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOffset, int lda,
               float[] b, int bOffset, int ldb,
               float beta, float[] c, int cOffset, int ldc);

    /** What backs this GEMM (for run logs and benchmark tables). */
    String name();

    /** The process-wide default, chosen once (see {@link Gemms}). */
    static Gemm defaultGemm() {
        return Gemms.DEFAULT;
    }
}
