package org.convspark.engine.testing.archfixture.a;

import org.convspark.engine.testing.archfixture.b.Downstream;

/** Half of a deliberate package cycle, for the test that shows the cycle rule fails on one. */
public final class Upstream {
    public Downstream next() {
        return new Downstream();
    }
}
