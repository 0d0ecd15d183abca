/**
 * The single matrix-multiply entry point ({@link org.convspark.engine.gemm.Gemm}) and its backends,
 * and {@link org.convspark.engine.gemm.KernelReport}: which kernel that GEMM runs (for OpenBLAS its
 * core, asked through {@code OpenBlasQuery}) against the vector width of the CPU and the JVM, logged
 * by every run and recorded in {@code metrics.json}.
 */
package org.convspark.engine.gemm;
