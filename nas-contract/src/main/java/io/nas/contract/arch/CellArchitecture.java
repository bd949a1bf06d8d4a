package io.nas.contract.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A NAS-Bench-201 cell: 4 nodes, one op on each of the 6 edges in the benchmark's order 0->1, 0->2, 1->2, 0->3,
 * 1->3, 2->3. Canonical string {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}, exactly as the benchmark writes it.
 */
public record CellArchitecture(List<CellOp> edges) implements Architecture {

    public static final int EDGES = 6;
    /** Source node of each edge, in edge order. */
    private static final int[] FROM = {0, 0, 1, 0, 1, 2};
    /** Target node of each edge, in edge order. */
    private static final int[] TO = {1, 2, 2, 3, 3, 3};

    public CellArchitecture {
        if (edges == null || edges.size() != EDGES || edges.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a cell has exactly " + EDGES + " edges with an op each, got " + edges);
        }
        edges = List.copyOf(edges);
    }

    /** A short name of edge {@code e}, such as {@code 2<-1}. */
    public static String edgeName(int edge) {
        return TO[edge] + "<-" + FROM[edge];
    }

    /** Reads {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}; the message of a refusal names the bad part and offset. */
    public static CellArchitecture parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("cell string is missing");
        }
        String[] nodes = text.split("\\+", -1);
        if (nodes.length != 3) {
            throw new IllegalArgumentException("cell string '" + text + "' must have 3 node groups joined by '+'");
        }
        List<CellOp> edges = new ArrayList<>();
        int offset = 0;
        for (int node = 1; node <= 3; node++) {
            String group = nodes[node - 1];
            if (group.length() < 2 || !group.startsWith("|") || !group.endsWith("|")) {
                throw new IllegalArgumentException("cell string node " + node + " at offset " + offset
                        + ": '" + group + "' must be |op~i|...|");
            }
            String[] inputs = group.substring(1, group.length() - 1).split("\\|", -1);
            if (inputs.length != node) {
                throw new IllegalArgumentException("cell string node " + node + " at offset " + offset
                        + ": needs " + node + " input edges, got '" + group + "'");
            }
            for (int from = 0; from < node; from++) {
                String edge = inputs[from];
                String suffix = "~" + from;
                int at = offset + 1 + String.join("|", List.of(inputs).subList(0, from)).length() + (from > 0 ? 1 : 0);
                if (!edge.endsWith(suffix)) {
                    throw new IllegalArgumentException("cell string edge '" + edge + "' at offset " + at
                            + ": must end in " + suffix);
                }
                try {
                    edges.add(CellOp.ofLabel(edge.substring(0, edge.length() - suffix.length())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cell string edge '" + edge + "' at offset " + at + ": "
                            + e.getMessage());
                }
            }
            offset += group.length() + 1;
        }
        return new CellArchitecture(edges);
    }

    @Override
    public String canonical() {
        StringBuilder text = new StringBuilder();
        for (int edge = 0; edge < EDGES; edge++) {
            if (edge > 0 && FROM[edge] == 0) {
                text.append('+');
            }
            text.append('|').append(edges.get(edge).label()).append('~').append(FROM[edge]);
            if (edge == EDGES - 1 || FROM[edge + 1] == 0) {
                text.append('|');
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
