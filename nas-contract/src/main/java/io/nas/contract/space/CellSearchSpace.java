package io.nas.contract.space;

import io.nas.contract.arch.Architecture;
import io.nas.contract.arch.CellArchitecture;
import io.nas.contract.arch.CellOp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The NAS-Bench-201 cell space: one decision per edge ({@code edge1<-0} ... {@code edge3<-2}, in the benchmark's
 * edge order), each over the 5 ops in the benchmark's order; 5^6 = 15625 cells.
 */
public final class CellSearchSpace implements SearchSpace {

    private static final List<String> OPS = Arrays.stream(CellOp.values()).map(CellOp::label).toList();

    private final SearchSpaceSpec spec;
    private final List<Decision> decisions;

    public CellSearchSpace(SearchSpaceSpec spec) {
        SearchSpaceSpec resolved = spec.resolved();
        if (!resolved.family().equals(SearchSpaceSpec.NB201)) {
            throw new IllegalArgumentException("not a nb201 space: family " + resolved.family());
        }
        this.spec = resolved;
        List<Decision> edges = new ArrayList<>();
        for (int e = 0; e < CellArchitecture.EDGES; e++) {
            edges.add(new Decision("edge" + CellArchitecture.edgeName(e), OPS));
        }
        this.decisions = List.copyOf(edges);
    }

    @Override
    public SearchSpaceSpec spec() {
        return spec;
    }

    @Override
    public List<Decision> decisions() {
        return decisions;
    }

    @Override
    public CellArchitecture decode(List<Integer> indices) {
        requireIndices(indices);
        return new CellArchitecture(indices.stream().map(i -> CellOp.values()[i]).toList());
    }

    @Override
    public List<Integer> encode(Architecture architecture) {
        if (!(architecture instanceof CellArchitecture cell)) {
            throw new IllegalArgumentException("a " + architecture.getClass().getSimpleName()
                    + " is not in the nb201 space: " + architecture.canonical());
        }
        return cell.edges().stream().map(CellOp::ordinal).toList();
    }

    @Override
    public CellArchitecture parse(String canonical) {
        return CellArchitecture.parse(canonical);
    }
}
