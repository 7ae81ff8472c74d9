package org.qff.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.qff.qnn.io.AtomicFiles;

/** Benchmark figures as pretty JSON, written atomically. */
public final class JsonOut {
    private JsonOut() {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String write(Map<String, Object> figures) throws IOException {
        return MAPPER.writeValueAsString(figures);
    }

    public static void writeFile(Path file, Map<String, Object> figures) throws IOException {
        AtomicFiles.writeString(file, write(figures) + "\n");
    }
}
