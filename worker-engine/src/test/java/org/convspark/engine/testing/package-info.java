/**
 * Test tools shared by the engine's tests: the finite-difference {@link
 * org.convspark.engine.testing.GradientCheck} for any layer, and random data and tolerance
 * comparisons ({@link org.convspark.engine.testing.TestArrays}), and the padding modes' index maps
 * written independently of the engine ({@link org.convspark.engine.testing.ReferencePadding}).
 */
package org.convspark.engine.testing;
