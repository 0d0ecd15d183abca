/**
 * Training without Spark ({@link org.convspark.engine.train.LocalTrainer}): the reference the
 * distributed driver is checked against, and a quick way to train small models; a batch split
 * over threads ({@link org.convspark.engine.train.ThreadedBatch}), batch norm's statistics summed
 * over them.
 */
package org.convspark.engine.train;
