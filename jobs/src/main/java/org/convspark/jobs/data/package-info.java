/**
 * Data readers of the command line: IDX (through the engine's {@code IdxReader}), CIFAR-10 binary
 * batches, folders of PNG/JPEG images (Spark's {@code binaryFile} source, decoded by the engine's
 * {@code ImageDecoder} after a header check) and Parquet
 * tables with a vector or array column. Each validates headers, sizes, shapes and labels before
 * packing samples and names the file in every error ({@link org.convspark.jobs.data.DataException}).
 * Paths may be on any Hadoop file system. Sharding and training live in the driver module.
 */
package org.convspark.jobs.data;
