/**
 * The worker engine: everything that trains a convolutional network on one thread, with no Spark
 * (sub-packages: tensors, geometry, im2col, GEMM, layers, model specs (spec), the runtime network
 * (model), optimizers, reports, data,
 * the parameter file format, JSON).
 *
 * <p>This package holds only the project's one error type for problems in what a user gave,
 * {@link org.convspark.engine.UserInputException}: bad specs, JSON, files and sizes all extend it,
 * so a front end prints its one-line message for any of them and treats every other exception as
 * a bug.
 */
package org.convspark.engine;
