/**
 * Test tools shared by the engine's tests: the finite-difference {@link
 * org.convspark.engine.testing.GradientCheck} for any layer, and random data and tolerance
 * comparisons ({@link org.convspark.engine.testing.TestArrays}).
 */
package org.convspark.engine.testing;
