package org.qff.simulator.qasm;

/** A malformed or unsupported OpenQASM program, located by source name, line and column (1-based). */
public final class QasmException extends IllegalArgumentException {
    private final String source;
    private final int line, column;

    public QasmException(String source, int line, int column, String message) {
        super(source + ":" + line + ":" + column + ": " + message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public String source() { return source; }

    public int line() { return line; }

    public int column() { return column; }
}
