/**
 * The N-d window geometry (kernel, stride, padding, dilation, groups, padding mode, ceil mode)
 * and its output-size arithmetic: the one place conv, pooling and the reports take it from.
 */
package org.convspark.engine.geometry;
