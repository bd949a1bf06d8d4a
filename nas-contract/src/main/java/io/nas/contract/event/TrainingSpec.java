package io.nas.contract.event;

/**
 * How a proposal is trained on the proxy task: backend ({@code djl} or {@code tabular}), dataset, and the
 * progressive schedule (EfficientNetV2 Algorithm 1): {@code stages} stages from the start to the end image size
 * and regularization magnitudes. Sizes in pixels; rates and magnitudes as fractions or RandAugment units.
 */
public record TrainingSpec(
        String backend,
        String dataset,
        Integer stages,
        Integer epochsPerStage,
        Integer batchSize,
        Integer imageSizeStart,
        Integer imageSizeEnd,
        Double dropoutStart,
        Double dropoutEnd,
        Double randAugmentStart,
        Double randAugmentEnd,
        Double mixupStart,
        Double mixupEnd,
        Integer trainExamples,
        Integer validationExamples,
        String activation,
        Long seed) {
}
