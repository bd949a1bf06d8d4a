package io.nas.trainer.service;

import io.nas.contract.arch.Architecture;
import io.nas.contract.event.Proposal;
import io.nas.contract.space.SearchSpace;
import io.nas.contract.space.SearchSpaces;

import java.util.List;

/** Admits a proposal's architecture: it parses, lies in the proposal's space, of the family a backend serves. */
final class ArchitectureAdmission {

    private ArchitectureAdmission() {
    }

    static Admitted admit(Proposal proposal, String family, String backend) throws TrialRefusedException {
        SearchSpace space;
        try {
            space = SearchSpaces.of(proposal.space());
        } catch (IllegalArgumentException e) {
            throw new TrialRefusedException("the search space cannot be built: " + e.getMessage());
        }
        if (!space.spec().family().equals(family)) {
            throw new TrialRefusedException("the " + backend + " backend serves " + family + " spaces, not "
                    + space.spec().family());
        }
        Architecture architecture;
        try {
            architecture = space.parse(proposal.architecture());
        } catch (RuntimeException e) {
            throw new TrialRefusedException("the architecture does not parse: " + e.getMessage());
        }
        List<Integer> indices;
        try {
            indices = space.encode(architecture);
        } catch (IllegalArgumentException e) {
            throw new TrialRefusedException("the architecture is not in the proposal's space: " + e.getMessage());
        }
        if (!proposal.indices().isEmpty() && !proposal.indices().equals(indices)) {
            throw new TrialRefusedException("the indices " + proposal.indices() + " do not name the architecture, whose"
                    + " indices are " + indices);
        }
        return new Admitted(space, architecture);
    }

    record Admitted(SearchSpace space, Architecture architecture) {
    }
}
