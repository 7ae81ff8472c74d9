package org.qff.simulator.qasm;

import java.util.ArrayList;
import java.util.List;

/** Splits OpenQASM 2.0 text into tokens; skips whitespace and // and /* *&#47; comments. */
final class QasmLexer {
    private final String text;
    private final String source;
    private int pos, line = 1, column = 1;

    QasmLexer(String text, String source) {
        this.text = text;
        this.source = source;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                out.add(new Token(Token.Type.END, "", line, column));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') advance();
            } else if (text.startsWith("/*", pos)) {
                int l = line, col = column;
                advance();
                advance();
                while (pos < text.length() && !text.startsWith("*/", pos)) advance();
                if (pos >= text.length()) throw new QasmException(source, l, col, "comment is never closed");
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }

    private Token next() {
        int l = line, col = column, start = pos;
        char c = text.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) advance();
            return new Token(Token.Type.IDENTIFIER, text.substring(start, pos), l, col);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            boolean real = false;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) advance();
            if (pos < text.length() && text.charAt(pos) == '.') {
                real = true;
                advance();
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) advance();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int save = pos, sl = line, sc = column;
                advance();
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) advance();
                if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    real = true;
                    while (pos < text.length() && Character.isDigit(text.charAt(pos))) advance();
                } else {
                    pos = save;
                    line = sl;
                    column = sc;
                }
            }
            return new Token(real ? Token.Type.REAL : Token.Type.INTEGER, text.substring(start, pos), l, col);
        }
        if (c == '"') {
            advance();
            while (pos < text.length() && text.charAt(pos) != '"' && text.charAt(pos) != '\n') advance();
            if (pos >= text.length() || text.charAt(pos) != '"') throw new QasmException(source, l, col, "string is never closed");
            advance();
            return new Token(Token.Type.STRING, text.substring(start + 1, pos - 1), l, col);
        }
        if (text.startsWith("->", pos) || text.startsWith("==", pos)) {
            advance();
            advance();
            return new Token(Token.Type.SYMBOL, text.substring(start, pos), l, col);
        }
        if (";,()[]{}+-*/^".indexOf(c) >= 0) {
            advance();
            return new Token(Token.Type.SYMBOL, String.valueOf(c), l, col);
        }
        throw new QasmException(source, l, col, "unexpected character '" + c + "'");
    }
}
