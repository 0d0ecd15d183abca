/**
 * The model: an immutable {@link org.convspark.engine.model.ModelSpec} (layers and shape
 * inference) plus one flat {@code float[]} of parameters that the network, the driver, the
 * optimizers and the checkpoints all exchange. {@link org.convspark.engine.model.MemoryEstimate}
 * measures what training a spec holds in memory without building it. {@link
 * org.convspark.engine.model.ModelFiles} writes and reads a trained {@link
 * org.convspark.engine.model.SavedModel} in the project's model format, wherever its bytes live.
 */
package org.convspark.engine.model;
