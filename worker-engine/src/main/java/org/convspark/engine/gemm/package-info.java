/** The single matrix-multiply entry point ({@link org.convspark.engine.gemm.Gemm}) and its backends. */
package org.convspark.engine.gemm;
