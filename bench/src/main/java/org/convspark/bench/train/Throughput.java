package org.convspark.bench.train;

import org.convspark.bench.Medians;

/** One way of training measured at one batch size: its name, the batch, and the images/s of each repeat. */
record Throughput(String configuration, int batch, double[] imagesPerSecond) {
    double median() {
        return Medians.of(imagesPerSecond);
    }
}
