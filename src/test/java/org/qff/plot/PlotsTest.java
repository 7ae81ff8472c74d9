package org.qff.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @Test
    void writesReadablePngsAndNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path parity = dir.resolve("parity.png");
        Plots.parity(parity, "Energy", "meV", new double[] {1, 2, 3}, new double[] {1.1, 1.9, 3.2});
        Path lc = dir.resolve("curves/learning.png");
        Plots.lines(lc, "Learning curve", "N", "MAE", List.of(new Plots.Series("revised", new double[] {50, 100}, new double[] {10, 7})), true, true);
        for (Path p : List.of(parity, lc)) {
            var img = ImageIO.read(p.toFile());
            assertEquals(800, img.getWidth());
            assertEquals(600, img.getHeight());
        }
        try (var s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp")));
        }
    }

    @Test
    void rejectsValuesThatALogAxisCannotShow(@TempDir Path dir) {
        var ex = assertThrows(IllegalArgumentException.class, () -> Plots.lines(dir.resolve("x.png"), "t", "x", "y",
                List.of(new Plots.Series("s", new double[] {1, 2}, new double[] {1, 0})), false, true));
        assertTrue(ex.getMessage().contains("series s"), ex.getMessage());
    }
}
