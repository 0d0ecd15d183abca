package org.convspark.onnx;

import org.convspark.engine.UserInputException;

/** A model that cannot be written as ONNX; the one-line message names the layer and why. */
public final class OnnxExportException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) {
        super(message);
    }
}
