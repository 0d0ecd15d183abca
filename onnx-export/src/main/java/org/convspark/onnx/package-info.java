/**
 * Export of a trained model ({@link org.convspark.engine.model.SavedModel}) as a standard ONNX
 * model, for serving where convspark does not run: {@link org.convspark.onnx.OnnxExport} is the
 * one entry point (the command line's {@code export} and the Spark ML model's {@code exportOnnx}
 * call it). Each spec node becomes the ONNX nodes of its inference form ({@code LayerNodes},
 * with convolutions in {@code ConvNodes}, non-zero padding in {@code PaddingNodes}, pooling in
 * {@code PoolNodes}), written by protobuf-java through {@code org.convspark.onnx.proto}, the
 * classes protoc generates at build time from ONNX's own {@code src/main/proto/onnx.proto}.
 * Proven by ONNX Runtime in the tests: every zoo model and random specs over every layer kind.
 * Depends on the engine only.
 */
package org.convspark.onnx;
