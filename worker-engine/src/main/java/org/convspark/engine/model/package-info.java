/**
 * The runtime model: {@link org.convspark.engine.model.Network} builds the layers a {@link
 * org.convspark.engine.spec.ModelSpec} describes (through {@link
 * org.convspark.engine.model.LayerFactory}) and runs them over one flat {@code float[]} of
 * parameters that the network, the driver, the optimizers and the checkpoints all exchange, node
 * by node through the spec's graph. {@link org.convspark.engine.model.Network#optimizer} wraps an
 * optimizer for a model with state (batch norm's running statistics).
 * {@link org.convspark.engine.model.MemoryEstimate} measures what training a spec holds in memory
 * without building it. {@link org.convspark.engine.model.ModelFiles} writes and reads a trained
 * {@link org.convspark.engine.model.SavedModel} in the project's model format, wherever its bytes
 * live. Depends on {@code spec} and {@code layers}; neither depends on it.
 */
package org.convspark.engine.model;
