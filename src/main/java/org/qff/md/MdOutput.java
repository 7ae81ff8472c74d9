package org.qff.md;

import java.io.IOException;

/** Where a run's results go; {@link RunDirectory} is the file-based one. */
public interface MdOutput {
    /** Whether a frame for this step was already written (a continued run does not repeat it). */
    boolean hasFrameAt(long step);

    /** A trajectory frame and a thermo row for the current state. */
    void frame(MdSimulation sim) throws IOException;

    /** The restart file for the current state. */
    void restart(MdSimulation sim) throws IOException;

    /** The run was stopped: record the last good state and the reason. */
    void stopped(MdSimulation sim, Instability why) throws IOException;

    void flush() throws IOException;
}
