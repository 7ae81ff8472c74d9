package org.qff.simulator.observable;

import java.util.ArrayList;
import java.util.List;

/**
 * A Hermitian observable Σ_k c_k P_k as a list of {@link PauliString}s. Parsed from text such as
 * {@code "Z0 Z1"}, {@code "0.5*X0*X1 + 0.5 Y0 Y1 - Z2"} or {@code "1.5"} (a multiple of the identity).
 */
public record PauliSum(List<PauliString> terms) {

    public PauliSum {
        terms = List.copyOf(terms);
    }

    public static PauliSum of(PauliString... terms) {
        return new PauliSum(List.of(terms));
    }

    public int maxQubit() {
        int m = -1;
        for (PauliString t : terms) m = Math.max(m, t.maxQubit());
        return m;
    }

    /** Parses a sum of terms; a term is an optional number followed by letters with qubit indices. */
    public static PauliSum parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty observable");
        List<PauliString> terms = new ArrayList<>();
        String s = text.replace("*", " ").trim();
        int pos = 0;
        double sign = 1;
        StringBuilder term = new StringBuilder();
        int termStart = 0;
        while (pos <= s.length()) {
            char ch = pos < s.length() ? s.charAt(pos) : '\0';
            boolean boundary = ch == '\0' || ((ch == '+' || ch == '-') && !isExponentSign(s, pos) && !term.toString().isBlank());
            if (boundary) {
                terms.add(parseTerm(term.toString().trim(), sign, text, termStart));
                term.setLength(0);
                sign = ch == '-' ? -1 : 1;
                termStart = pos + 1;
            } else if ((ch == '+' || ch == '-') && term.toString().isBlank()) {
                if (ch == '-') sign = -sign;
                termStart = pos + 1;
            } else {
                term.append(ch);
            }
            pos++;
        }
        return new PauliSum(terms);
    }

    private static boolean isExponentSign(String s, int pos) {
        return pos > 1 && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E') && Character.isDigit(s.charAt(pos - 2));
    }

    private static PauliString parseTerm(String term, double sign, String whole, int column) {
        if (term.isEmpty()) throw new IllegalArgumentException("empty term at column " + (column + 1) + " in observable \"" + whole + "\"");
        double coefficient = sign;
        List<Integer> qubits = new ArrayList<>();
        StringBuilder letters = new StringBuilder();
        for (String tok : term.split("\\s+")) {
            char first = Character.toUpperCase(tok.charAt(0));
            if (first == 'X' || first == 'Y' || first == 'Z' || first == 'I') {
                int q;
                try {
                    q = Integer.parseInt(tok.substring(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad Pauli factor \"" + tok + "\" in observable \"" + whole + "\" (expected e.g. Z0)");
                }
                if (q < 0) throw new IllegalArgumentException("negative qubit in \"" + tok + "\"");
                if (first == 'I') continue;
                if (qubits.contains(q)) throw new IllegalArgumentException("qubit " + q + " appears twice in term \"" + term + "\"");
                qubits.add(q);
                letters.append(first);
            } else {
                try {
                    coefficient *= Double.parseDouble(tok);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad token \"" + tok + "\" in observable \"" + whole + "\"");
                }
            }
        }
        return new PauliString(coefficient, qubits.stream().mapToInt(Integer::intValue).toArray(), letters.toString().toCharArray());
    }
}
