package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.Vector;
import org.junit.jupiter.api.Test;

/**
 * No method of the simulator takes or returns a vector. Why: C2 inlines
 * the JDK's vector methods (@ForceInline) whatever the profile, but may leave an ordinary helper
 * out of line (thin profile, node-count cutoff), and a vector that crosses a call that is not
 * inlined is boxed on every access. Helpers of that kind made the gathered-run workload allocate
 * 98 KB per run in 22 JVMs of 30 (benchmarks/RESULTS.md, "Helpers out of line"). Masks and
 * shuffles may cross calls: the simulator builds them once and stores them (Lanes' tables), so an
 * out-of-line call hands over a reference and allocates nothing.
 */
class NoVectorHelpersTest {

    @Test
    void noSimulatorMethodPassesAVectorAcrossACall() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<Class<?>> classes = simulatorClasses();
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                boolean vectorIn = Stream.of(m.getParameterTypes()).anyMatch(NoVectorHelpersTest::isVectorType);
                boolean vectorOut = Vector.class.isAssignableFrom(m.getReturnType());
                if (vectorIn || vectorOut) offenders.add(c.getName() + "." + m.getName());
            }
        }
        // guard against a scan that finds nothing (wrong directory) and so cannot fail
        assertTrue(classes.contains(PermutationSweeps.class) && classes.size() > 50, "scanned only " + classes.size() + " classes");
        assertEquals(List.of(), offenders, "methods passing vectors across a call (write the Vector API calls out instead)");
    }

    @Test
    void theScanSeesAVectorParameter() throws Exception {
        Method m = NoVectorHelpersTest.class.getDeclaredMethod("exampleHelper", DoubleVector.class);
        assertTrue(Stream.of(m.getParameterTypes()).anyMatch(NoVectorHelpersTest::isVectorType));
    }

    @SuppressWarnings("unused")
    private static void exampleHelper(DoubleVector v) {}

    private static boolean isVectorType(Class<?> t) {
        return Vector.class.isAssignableFrom(t);
    }

    /** Every class compiled from simulator/src/main (the directory or jar PermutationSweeps was loaded from). */
    private static List<Class<?>> simulatorClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of(PermutationSweeps.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.equals("module-info")) continue;
                out.add(Class.forName(name, false, NoVectorHelpersTest.class.getClassLoader()));
            }
        }
        return out;
    }
}
