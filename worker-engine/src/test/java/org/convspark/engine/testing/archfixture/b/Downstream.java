package org.convspark.engine.testing.archfixture.b;

import org.convspark.engine.testing.archfixture.a.Upstream;

/** The other half of the deliberate cycle: depends back on package {@code a}. */
public final class Downstream {
    public Upstream back() {
        return new Upstream();
    }
}
