/**
 * Test tools shared by the engine's tests: the finite-difference {@link
 * org.convspark.engine.testing.GradientCheck} for any layer, {@link
 * org.convspark.engine.testing.FiniteDifferences} for any scalar objective of a float array (a
 * loss, a whole network), random data and tolerance comparisons ({@link
 * org.convspark.engine.testing.TestArrays}), and the padding modes' index maps written
 * independently of the engine ({@link org.convspark.engine.testing.ReferencePadding}). For the
 * loaders' fuzz tests: {@link org.convspark.engine.testing.FileMutator} (seeded damage to a valid
 * file), {@link org.convspark.engine.testing.LoaderFuzz} (the run and its contract) and {@link
 * org.convspark.engine.testing.TestFiles} (tree copies, truncation, a lost file). {@link
 * org.convspark.engine.testing.FileModes} checks that files written for the user get the umask's
 * mode; {@link org.convspark.engine.testing.ImageFiles} encodes PNG and JPEG files and builds
 * decompression bombs; {@link org.convspark.engine.testing.Architecture} holds the package-cycle
 * and module-direction rules every module's architecture test applies. Shared with the other
 * modules' tests as the worker-engine test-jar.
 */
package org.convspark.engine.testing;
