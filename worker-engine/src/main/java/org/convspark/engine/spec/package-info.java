/**
 * What a network is, as data: the immutable {@link org.convspark.engine.spec.ModelSpec} (input
 * shape and a graph of {@link org.convspark.engine.spec.LayerSpec} records, each node reading
 * earlier nodes, each record validated in its constructor with errors naming the layer, node and
 * field, and the shape inference), its JSON codec
 * ({@link org.convspark.engine.spec.ModelSpecJson}: strict fields, did-you-mean suggestions,
 * line and column in every error) and the built-in zoo ({@link
 * org.convspark.engine.spec.ModelZoo}). Nothing here computes: the layers ({@code
 * engine.layers}) are built from these records and the runtime network ({@code engine.model})
 * from a whole spec, so this package depends on neither.
 */
package org.convspark.engine.spec;
