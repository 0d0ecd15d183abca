package org.convspark.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.Json;
import org.convspark.engine.spec.FlattenSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.model.Network;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class UserInputExceptionTest {
    @Test
    void specJsonAndFileErrorsShareTheOneType() {
        assertInstanceOf(UserInputException.class, assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"a\": }", "bad.json")));
        assertInstanceOf(UserInputException.class, assertThrows(IllegalArgumentException.class,
                () -> ModelSpecJson.parse("{\"input\": [1, 2, 2], \"layers\": [{\"type\": \"cnov\"}]}", "spec.json")));
        assertInstanceOf(UserInputException.class, assertThrows(IllegalArgumentException.class,
                () -> new Network(new ModelSpec("one-score", Shape.of(1, 1, 1), List.of(new FlattenSpec())))));
        UserInputException file = assertThrows(UserInputException.class, () -> ParameterFile.read(
                new ByteArrayInputStream("NOTPARAMS".getBytes(StandardCharsets.US_ASCII)), 9,
                "x.bin", 10));
        assertEquals("x.bin: not a convspark parameter file (magic is not \"CSPARAMS\")", file.getMessage());
    }

    @Test
    void messagesStayOnOneLineWhateverTheFileQuoted() {
        UserInputException e = assertThrows(UserInputException.class, () -> ModelSpecJson.parse(
                "{\"input\": [1, 2, 2], \"layers\": [{\"type\": \"a\\nb\\u0007\"}]}", "spec.json"));
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        assertTrue(e.getMessage().contains("a\\nb\\u0007"), e.getMessage());
        assertEquals("tab\\t cr\\r nl\\n sep\\u2028 plain é", UserInputException.oneLine(
                "tab\t cr\r nl\n sep\u2028 plain é"));
        assertEquals("unchanged", new UserInputException("unchanged").getMessage());
    }
}
