/**
 * What a run logs about its model before training: the {@link
 * org.convspark.engine.report.ParameterReport} (parameters, the fully- and locally-connected
 * equivalents of each conv, FLOPs, activations) and the {@link
 * org.convspark.engine.report.ReceptiveFieldReport} (receptive field, jump and start per
 * dimension), as aligned text tables and as one JSON document ({@link
 * org.convspark.engine.report.ModelReport}). Window arithmetic comes from {@link
 * org.convspark.engine.geometry.ConvGeometry} and shapes from {@link
 * org.convspark.engine.spec.ModelSpec}; nothing here recomputes either.
 */
package org.convspark.engine.report;
