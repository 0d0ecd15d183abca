/**
 * Labelled image data for training: {@link org.convspark.engine.data.LabelledImages} (one packed
 * {@code float[]} of pixels plus one {@code int[]} of labels, never an object per image), the IDX
 * reader for MNIST-family files ({@link org.convspark.engine.data.IdxReader}) and the embedded
 * MNIST subset shipped inside the jar ({@link org.convspark.engine.data.EmbeddedMnist}). Readers
 * validate headers against file sizes and limits before allocating, and every error names the
 * file. Spark-side partitioning of these arrays lives in the driver, not here.
 */
package org.convspark.engine.data;
