package io.nas.contract.arch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Published networks in the canonical block-string syntax, as their reference definitions write them
 * (tensorflow/tpu models/official/mnasnet/mnasnet_models.py, google/automl efficientnetv2/effnetv2_configs.py).
 * Each starts from the stem width its first block's input names (32, or 24 for EfficientNetV2-S) and ends in a
 * 1280-wide head.
 */
public final class ReferenceArchitectures {

    public static final String MNASNET_A1 = "r1_k3_s11_e1_i32_o16_noskip,r2_k3_s22_e6_i16_o24,"
            + "r3_k5_s22_e3_i24_o40_se0.25,r4_k3_s22_e6_i40_o80,r2_k3_s11_e6_i80_o112_se0.25,"
            + "r3_k5_s22_e6_i112_o160_se0.25,r1_k3_s11_e6_i160_o320";

    public static final String MNASNET_B1 = "r1_k3_s11_e1_i32_o16_noskip,r3_k3_s22_e3_i16_o24,"
            + "r3_k5_s22_e3_i24_o40,r3_k5_s22_e6_i40_o80,r2_k3_s11_e6_i80_o96,r4_k5_s22_e6_i96_o192,"
            + "r1_k3_s11_e6_i192_o320_noskip";

    /** MobileNetV2 1.0 (Sandler et al., table 2) in MnasNet's notation. */
    public static final String MOBILENET_V2 = "r1_k3_s11_e1_i32_o16,r2_k3_s22_e6_i16_o24,r3_k3_s22_e6_i24_o32,"
            + "r4_k3_s22_e6_i32_o64,r3_k3_s11_e6_i64_o96,r3_k3_s22_e6_i96_o160,r1_k3_s11_e6_i160_o320";

    public static final String EFFICIENTNET_V2_S = "r2_k3_s1_e1_i24_o24_c1,r4_k3_s2_e4_i24_o48_c1,"
            + "r4_k3_s2_e4_i48_o64_c1,r6_k3_s2_e4_i64_o128_se0.25,r9_k3_s1_e6_i128_o160_se0.25,"
            + "r15_k3_s2_e6_i160_o256_se0.25";

    public static final String EFFICIENTNET_B0 = "r1_k3_s1_e1_i32_o16_se0.25,r2_k3_s2_e6_i16_o24_se0.25,"
            + "r2_k5_s2_e6_i24_o40_se0.25,r3_k3_s2_e6_i40_o80_se0.25,r3_k5_s1_e6_i80_o112_se0.25,"
            + "r4_k5_s2_e6_i112_o192_se0.25,r1_k3_s1_e6_i192_o320_se0.25";

    private static final Map<String, String> BY_NAME = byName();

    private ReferenceArchitectures() {
    }

    private static Map<String, String> byName() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("mnasnet-a1", MNASNET_A1);
        names.put("mnasnet-b1", MNASNET_B1);
        names.put("mobilenetv2", MOBILENET_V2);
        names.put("efficientnetv2-s", EFFICIENTNET_V2_S);
        names.put("efficientnet-b0", EFFICIENTNET_B0);
        return names;
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The block strings of a reference network by its short name, e.g. {@code mnasnet-a1}. */
    public static Optional<String> blockStrings(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
