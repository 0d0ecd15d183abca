/**
 * Test support for the jobs module: the shared local Spark session, the CLI run in-process with
 * captured output, and writers of small data files (IDX, CIFAR-10 batches, PNG folders) built
 * from the embedded MNIST subset or from simple patterns.
 */
package org.convspark.jobs.testing;
