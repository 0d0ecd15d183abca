/**
 * Scoring a trained model on Spark, for {@code evaluate} and {@code predict}: class probabilities
 * computed on the executors in batches by the worker-engine, and the evaluation built from them
 * (accuracy, mean loss, per-class accuracy, confusion matrix). Data reading lives in
 * {@code org.convspark.jobs.data}, training in the driver module.
 */
package org.convspark.jobs.score;
