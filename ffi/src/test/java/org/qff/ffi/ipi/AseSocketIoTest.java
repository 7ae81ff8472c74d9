package org.qff.ffi.ipi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qff.ffi.NativeTools;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;
import org.qff.qnn.potential.Potential;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ASE's SocketIOCalculator (the real i-PI server code in Debian's python3-ase) runs velocity-Verlet
 * MD with the qff driver computing forces, over a Unix socket and over TCP. Every energy and force
 * ASE received must equal a direct Java call at the positions ASE sent.
 *
 * <p>Tolerance 1e-6 relative: ASE converts with CODATA 2014 Bohr and Hartree, qff with CODATA
 * 2018; they differ in the 8th digit, and positions make a Bohr round trip (Å→Bohr by ASE, →Å here)
 * before the forces make a Hartree/Bohr one.
 */
@Timeout(120)
class AseSocketIoTest {
    private static final double REL = 1e-6;
    private final Potential lj = LennardJones.argon();

    @Test
    void unixSocketMdMatchesDirectCall() throws Exception {
        String name = "qfftest" + ProcessHandle.current().pid() + "u";
        runAndCompare(IpiEndpoint.unix(name), "--unix", name);
    }

    @Test
    void tcpMdMatchesDirectCall() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // a free port; ASE binds it again with SO_REUSEADDR
        }
        runAndCompare(IpiEndpoint.tcp("localhost", port), "--port", Integer.toString(port));
    }

    @Test
    void vacuumBoxIsIgnoredWhenAsked() throws Exception {
        String name = "qfftest" + ProcessHandle.current().pid() + "c";
        runAndCompare(IpiEndpoint.unix(name), "--unix", name, "--cell");
    }

    private void runAndCompare(IpiEndpoint endpoint, String... serverArgs) throws Exception {
        NativeTools.assumePythonWithAse();
        List<String> args = new ArrayList<>(List.of(serverArgs));
        args.addAll(List.of("--steps", "6", "--timeout", "60"));
        NativeTools.Started server = NativeTools.start(NativeTools.python(NativeTools.testPython("ase_ipi_server.py"), args.toArray(String[]::new)), null);
        IpiDriver.Result result;
        boolean ignoreCell = args.contains("--cell");
        try (IpiConnection conn = new IpiConnection(endpoint.connect(60_000), 60_000)) {
            result = new IpiDriver(lj, Species.parse("Ar"), ignoreCell, msg -> {}).serve(conn);
        } catch (Exception e) {
            server.kill();
            throw e;
        }
        NativeTools.Outcome out = server.await(60);
        assertEquals(0, out.exitCode(), "ASE server failed:\n" + out.stderr());
        // ASE closes the socket after the run without sending EXIT.
        assertEquals(IpiDriver.Ending.SERVER_CLOSED, result.ending());
        JsonNode root = new ObjectMapper().readTree(out.stdout());
        JsonNode frames = root.get("frames");
        // VelocityVerlet: one force call at the start and one per step; frames are recorded at every step.
        assertEquals(7, frames.size());
        assertEquals(7, result.steps());
        int[] zs = new ObjectMapper().convertValue(root.get("numbers"), int[].class);
        for (JsonNode f : frames) {
            double[] pos = new ObjectMapper().convertValue(f.get("positions"), double[].class);
            double[] fAse = new ObjectMapper().convertValue(f.get("forces"), double[].class);
            Structure s = new Structure(zs, pos);
            double[] fJava = new double[pos.length];
            double e = lj.compute(s, fJava, null);
            assertTrue(e < -0.1, "a bound 21-atom cluster, got " + e + " eV");
            assertEquals(e, f.get("energy").asDouble(), REL * Math.abs(e), "energy");
            double fmax = 0;
            for (double v : fJava) fmax = Math.max(fmax, Math.abs(v));
            for (int k = 0; k < pos.length; k++) {
                // relative to the largest force component: small components carry the absolute error of the largest
                assertEquals(fJava[k], fAse[k], REL * fmax, "force component " + k);
            }
        }
    }
}
