package org.convspark.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.convspark.engine.UserInputException;
import org.convspark.engine.io.AtomicWrite;
import org.convspark.engine.io.NamedArrays;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelZoo;
import org.junit.jupiter.api.Test;

/** The model format over an in-memory store: what is written reads back, and bad files are refused by name. */
class ModelFilesTest {
    private static final ModelSpec SPEC = ModelZoo.get("lenet5");
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Files as byte arrays; {@code describe} prefixes "mem/" so messages show it is the store's name. */
    private static final class MemoryStore implements ModelFiles.Store {
        final Map<String, byte[]> files = new TreeMap<>();

        @Override
        public void write(String name, AtomicWrite.Content content) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            content.writeTo(out);
            files.put(name, out.toByteArray());
        }

        @Override
        public long length(String name) {
            return files.containsKey(name) ? files.get(name).length : -1;
        }

        @Override
        public InputStream open(String name) {
            return new ByteArrayInputStream(files.get(name));
        }

        @Override
        public String describe(String name) {
            return "mem/" + name;
        }
    }

    private static MemoryStore written() throws IOException {
        MemoryStore store = new MemoryStore();
        ModelFiles.write(store, new SavedModel(SPEC, new Network(SPEC).initialParameters(4), CLASSES,
                JsonObject.builder().put("steps", 3).build()));
        return store;
    }

    private static String refusal(MemoryStore store) {
        return assertThrows(UserInputException.class, () -> ModelFiles.read(store)).getMessage();
    }

    @Test
    void whatIsWrittenReadsBack() throws IOException {
        MemoryStore store = written();
        assertEquals(List.of(ModelFiles.META, ModelFiles.PARAMS, ModelFiles.SPEC), List.copyOf(store.files.keySet()));
        SavedModel read = ModelFiles.read(store);
        assertEquals(SPEC, read.spec());
        assertArrayEquals(new Network(SPEC).initialParameters(4), read.params());
        assertEquals(CLASSES, read.classNames());
        assertEquals(3, read.training().get("steps").asInt());
    }

    @Test
    void aMissingFileIsNamedWithWhatTheDirectoryHolds() throws IOException {
        MemoryStore store = written();
        store.files.remove(ModelFiles.PARAMS);
        assertEquals("mem/params.bin: missing (a model directory holds spec.json, params.bin and model.json)",
                refusal(store));
    }

    @Test
    void textThatIsNotUtf8IsRefusedByName() throws IOException {
        MemoryStore store = written();
        store.files.put(ModelFiles.SPEC, new byte[] {'{', (byte) 0xff, '}'});
        assertEquals("mem/spec.json: not UTF-8 text", refusal(store));
    }

    @Test
    void parametersWithoutTheParamsArrayAreRefused() throws IOException {
        MemoryStore store = written();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParameterFile.write(out, new NamedArrays().put("weights", new float[] {1}));
        store.files.put(ModelFiles.PARAMS, out.toByteArray());
        assertEquals("mem/params.bin: has no array \"params\" (arrays: [weights])", refusal(store));
    }

    @Test
    void aFutureFormatIsRefused() throws IOException {
        MemoryStore store = written();
        String meta = new String(store.files.get(ModelFiles.META), StandardCharsets.UTF_8);
        store.files.put(ModelFiles.META, meta.replace("\"format\": 1", "\"format\": 2").getBytes(StandardCharsets.UTF_8));
        assertEquals("mem/model.json: model format 2 is not supported (this build reads 1)", refusal(store));
    }
}
