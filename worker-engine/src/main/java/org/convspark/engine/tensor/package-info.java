/** Shapes, tensors (float32, row-major {@code N, C, spatial...}) and reusable scratch buffers. */
package org.convspark.engine.tensor;
