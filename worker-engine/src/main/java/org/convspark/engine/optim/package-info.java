/**
 * Optimizers over one flat parameter array (SGD, momentum, Nesterov, Adam, AdamW), learning-rate
 * schedules, global-norm gradient clipping and their configuration. Pure functions of the
 * parameters, the mean gradient, the step number and the optimizer's own state arrays; no
 * knowledge of layers or of Spark. The driver runs them; checkpoints save {@code state()}. {@link
 * org.convspark.engine.optim.RunningAverages} steps a model with state: given ranges are averaged
 * in, not stepped.
 */
package org.convspark.engine.optim;
