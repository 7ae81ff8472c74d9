package org.qff.bench.ffi;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.qff.ffi.ipi.IpiConnection;
import org.qff.ffi.ipi.IpiDriver;
import org.qff.ffi.ipi.IpiEndpoint;
import org.qff.ffi.ipi.IpiServer;
import org.qff.ffi.ipi.Species;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.LennardJones;

/**
 * One i-PI step (STATUS, POSDATA, STATUS, GETFORCE, FORCEREADY) between qff's server and qff's
 * driver in two threads of one JVM, over a Unix or TCP socket on localhost.
 */
@State(Scope.Thread)
public class IpiRoundTripBench {
    @Param({"unix", "tcp"})
    public String transport;

    IpiServer server;
    Thread driver;
    double[] cell = new double[9];
    double[] positions;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        IpiEndpoint ep;
        if (transport.equals("unix")) {
            ep = IpiEndpoint.unix("qffbench" + ProcessHandle.current().pid());
        } else {
            int port;
            try (var s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ep = IpiEndpoint.tcp("localhost", port);
        }
        server = new IpiServer(ep, 60_000);
        driver = Thread.ofPlatform().daemon().start(() -> {
            try (IpiConnection c = new IpiConnection(ep.connect(60_000), 0)) {
                new IpiDriver(LennardJones.argon(), Species.parse("Ar"), false, m -> {}).serve(c);
            } catch (Exception e) {
                System.err.println("i-PI benchmark driver: " + e.getMessage());
            }
        });
        server.accept();
        Structure s = Argon21.structure();
        positions = s.positions();
        for (int k = 0; k < positions.length; k++) positions[k] /= Units.BOHR;
    }

    @Benchmark
    public double roundTrip() throws Exception {
        return server.compute(cell, positions).energy();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.close();
        driver.join(10_000);
    }
}
