package org.convspark.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void rendersTheTrainersJobDescriptions() {
        assertEquals("epoch 2/12 [###############---------------] step 30/60",
                ProgressBar.render("convspark lenet5: epoch 2/12, step 30/60 (global step 90)"));
        assertEquals("epoch 1/1 [##############################] step 5/5",
                ProgressBar.render("convspark x: epoch 1/1, step 5/5 (global step 5)"));
        assertNull(ProgressBar.render("convspark lenet5: epoch 2/12, test evaluation"));
        assertNull(ProgressBar.render(null));
    }

    @Test
    void aLineClearsTheBarFirstAndNothingIsDrawnWithoutATerminal() {
        StringWriter live = new StringWriter();
        Console console = new Console(new PrintWriter(live), true);
        console.bar("epoch 1/1 [#-] step 1/2");
        console.println("epoch 1: done");
        assertEquals("epoch 1/1 [#-] step 1/2\r" + " ".repeat(23) + "\repoch 1: done" + System.lineSeparator(),
                live.toString());
        StringWriter piped = new StringWriter();
        Console plain = new Console(new PrintWriter(piped), false);
        plain.bar("epoch 1/1 [#-] step 1/2");
        plain.println("epoch 1: done");
        assertEquals("epoch 1: done" + System.lineSeparator(), piped.toString());
    }
}
