package org.qff.cli.ffi;

import org.qff.ffi.ipi.IpiConnection;
import org.qff.ffi.ipi.IpiDriver;
import org.qff.ffi.ipi.IpiEndpoint;
import org.qff.ffi.ipi.Species;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code qff serve ipi}: an i-PI driver (client) for i-PI, ASE's SocketIOCalculator, and any
 * other i-PI server. Exit codes: 0 after EXIT or a clean close between steps, 2 for bad options or
 * a structure the model rejects, 3 for a protocol fault, a broken connection or a timeout.
 */
@Command(name = "ipi", mixinStandardHelpOptions = true,
        description = {"Connect to an i-PI server (i-PI, ASE SocketIOCalculator) and compute energies and forces with a qff model.",
            "The protocol carries positions only: give the species with --species or --structure, in the server's atom order."})
public final class ServeIpiCommand implements Callable<Integer> {
    static final int EXIT_PROTOCOL = 3;

    @Option(names = "--model", required = true, paramLabel = "FILE|NAME", description = "model file (JSON) or built-in potential, e.g. lj-argon")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Address address;

    static final class Address {
        @Option(names = "--unix", paramLabel = "NAME", description = "Unix socket /tmp/ipi_NAME")
        String unix;
        @ArgGroup(exclusive = false)
        Tcp tcp;
    }

    static final class Tcp {
        @Option(names = "--host", required = true, paramLabel = "HOST", description = "TCP host of the server")
        String host;
        @Option(names = "--port", required = true, paramLabel = "PORT", description = "TCP port of the server")
        int port;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    SpeciesSource speciesSource;

    static final class SpeciesSource {
        @Option(names = "--species", paramLabel = "LIST", description = "species in server atom order: Ar (every atom) or C*2,H*6,O")
        String list;
        @Option(names = "--structure", paramLabel = "FILE.xyz", description = "take species from the first frame of an XYZ file")
        Path xyz;
    }

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "600",
            description = "seconds to wait for the server to accept and for each message (0: forever; default ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--ignore-cell", description = "treat the atoms as isolated whatever cell the server sends (molecule in a vacuum box)")
    boolean ignoreCell;

    @Override
    public Integer call() throws Exception {
        if (!(timeoutSeconds >= 0) || !Double.isFinite(timeoutSeconds)) throw new IllegalArgumentException("--timeout must be >= 0 seconds, got " + timeoutSeconds);
        long timeoutMillis = (long) Math.ceil(timeoutSeconds * 1000);
        IpiEndpoint endpoint = address.unix != null ? IpiEndpoint.unix(address.unix) : IpiEndpoint.tcp(address.tcp.host, address.tcp.port);
        Species species = speciesSource.list != null ? Species.parse(speciesSource.list) : Species.fromXyz(speciesSource.xyz);
        Potential potential = Potentials.load(model);
        IpiDriver driver = new IpiDriver(potential, species, ignoreCell, msg -> System.err.println("qff serve ipi: " + msg));
        try {
            SocketChannel channel = endpoint.connect(timeoutMillis);
            System.err.println("qff serve ipi: connected to " + endpoint + ", model " + potential.name() + ", species from " + species);
            try (IpiConnection conn = new IpiConnection(channel, timeoutMillis)) {
                IpiDriver.Result r = driver.serve(conn);
                System.err.println("qff serve ipi: served " + r.steps() + " steps; "
                        + (r.ending() == IpiDriver.Ending.EXIT_MESSAGE ? "server sent EXIT" : "server closed the connection"));
                return 0;
            }
        } catch (java.io.IOException e) { // protocol faults, broken connections, timeouts
            System.err.println("qff serve ipi: error: " + e.getMessage());
            return EXIT_PROTOCOL;
        }
    }
}
