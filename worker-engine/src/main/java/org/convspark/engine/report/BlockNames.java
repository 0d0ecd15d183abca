package org.convspark.engine.report;

import java.util.ArrayList;
import java.util.List;

/** The blocks a dotted node name belongs to: {@code stage2.block1.conv1} is in {@code stage2} and {@code stage2.block1}. */
final class BlockNames {
    private BlockNames() {
    }

    /** Outermost first; none for a name without a dot, or no name (null). */
    static List<String> enclosing(String name) {
        List<String> out = new ArrayList<>();
        for (int dot = name == null ? -1 : name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
            out.add(name.substring(0, dot));
        }
        return out;
    }
}
