/**
 * N-d im2col (gather every window of an input into the columns of a matrix) and col2im (scatter
 * a column matrix back, adding), for 1, 2 and 3 spatial dimensions and every padding mode.
 * Padded positions are read through {@link org.convspark.engine.geometry.PaddingMode#sourceIndex},
 * so col2im routes the gradient of a reflected, replicated or wrapped copy to its source pixel.
 * The window arithmetic comes from {@link org.convspark.engine.geometry.ConvGeometry}.
 */
package org.convspark.engine.im2col;
