package org.convspark.jobs.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void showsOverallProgressEpochAndLoss() {
        assertEquals("[###############---------------] step 378/756, epoch 6, loss 0.0561",
                ProgressBar.render(378, 756, 6, 0.05612));
        assertEquals("[##############################] step 756/756, epoch 12, loss 0.0156",
                ProgressBar.render(756, 756, 12, 0.0156));
        assertEquals("[------------------------------] step 0/10, epoch 1, loss 2.3026",
                ProgressBar.render(0, 10, 1, 2.302585));
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
