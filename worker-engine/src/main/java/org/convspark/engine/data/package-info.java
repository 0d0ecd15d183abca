/**
 * Labelled image data for training: {@link org.convspark.engine.data.LabelledImages} (one packed
 * {@code float[]} of pixels plus one {@code int[]} of labels, never an object per image), the IDX
 * reader for MNIST-family files ({@link org.convspark.engine.data.IdxReader}), the embedded MNIST
 * subset shipped inside the jar ({@link org.convspark.engine.data.EmbeddedMnist}), and the
 * decoding of PNG and JPEG files behind a header check that refuses decompression bombs
 * ({@link org.convspark.engine.data.ImageDecoder}), and the conversion of decoded image bytes in
 * the layout of Spark's {@code image} source into the model's channel planes
 * ({@link org.convspark.engine.data.ImagePixels}; used by the image-folder reader and the Spark ML
 * classifier alike). Readers validate headers against file sizes and limits
 * before allocating, and every error names the file. Spark-side partitioning of these arrays lives
 * in the driver, not here.
 */
package org.convspark.engine.data;
