package org.qff.simulator.qasm;

/** One lexical token with its position (1-based line and column). */
record Token(Type type, String text, int line, int column) {
    enum Type { IDENTIFIER, INTEGER, REAL, STRING, SYMBOL, END }

    boolean is(String symbolOrWord) {
        return (type == Type.SYMBOL || type == Type.IDENTIFIER) && text.equals(symbolOrWord);
    }

    String describe() {
        return switch (type) {
            case END -> "end of file";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
