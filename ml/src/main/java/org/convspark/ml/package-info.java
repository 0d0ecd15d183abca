/**
 * Spark ML integration: {@link org.convspark.ml.ConvNetClassifier} (an {@code Estimator}, a
 * {@code ProbabilisticClassifier}) trains a convolutional network with the driver's synchronous
 * data-parallel trainer; {@link org.convspark.ml.ConvNetClassificationModel} (its {@code Model})
 * scores vector, image-file (binary, decoded after a header check) or image-struct columns in
 * batches and appends Spark's rawPrediction, probability
 * and prediction columns. Both follow Spark's Params contract (defaults, validation on set, copy)
 * and persist with {@code MLWritable}/{@code MLReadable}: Spark's metadata plus the project's model
 * format, never Java serialization. Training itself lives in the driver and the engine, not here.
 */
package org.convspark.ml;
