/**
 * Training on one thread without Spark ({@link org.convspark.engine.train.LocalTrainer}): the
 * reference the distributed driver is checked against, and a quick way to train small models.
 */
package org.convspark.engine.train;
