package io.nas.trainer.service;

import io.nas.contract.arch.Architecture;
import io.nas.contract.event.Proposal;

/**
 * A proposal its backend accepted: the parsed architecture and, where the space has an analytic count, its
 * trainable parameters and multiply-adds at the proposal's inference resolution (else null).
 */
public record Candidate(Proposal proposal, Architecture architecture, Long params, Long madds) {
}
