package io.nas.contract.arch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical text form of MnasNet-style architectures (tensorflow/tpu mnasnet, google/automl efficientnetv2):
 * one string per block joined by {@code ,}:
 * {@code r{repeats}_k{kernel}_s{stride}{stride}_e{expansion}_i{in}_o{out}[_se{ratio}][_c{type}][_noskip|_pool]}.
 * Only the canonical spelling is accepted (fixed token order, no leading zeros, {@code se} as Python prints a
 * float), so that printing a parsed string always gives it back exactly.
 */
public final class BlockStringCodec {

    private static final Pattern TOKEN = Pattern.compile("([a-z]+)(.*)");
    private static final Pattern NATURAL = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern STRIDE = Pattern.compile("([1-9])([1-9])?");
    private static final List<String> REQUIRED = List.of("r", "k", "s", "e", "i", "o");

    private BlockStringCodec() {
    }

    /** Reads a whole architecture; block b's input filters must equal block b-1's output filters. */
    public static List<BlockSpec> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BlockStringException(0, 0, text == null ? "" : text, "an architecture needs at least one block");
        }
        List<BlockSpec> blocks = new ArrayList<>();
        int start = 0;
        for (String part : text.split(",", -1)) {
            int index = blocks.size();
            BlockSpec block = parseBlock(part, index, start);
            if (index > 0 && block.inFilters() != blocks.get(index - 1).outFilters()) {
                int at = part.indexOf("_i") + 1;
                throw new BlockStringException(index, start + at, tokenAt(part, at),
                        "input filters must equal the previous block's output filters "
                                + blocks.get(index - 1).outFilters());
            }
            blocks.add(block);
            start += part.length() + 1;
        }
        return List.copyOf(blocks);
    }

    /** Reads one block string; {@code block} and {@code offset} place it in the whole string for messages. */
    public static BlockSpec parseBlock(String text, int block, int offset) {
        if (text.isEmpty()) {
            throw new BlockStringException(block, offset, "", "empty block");
        }
        BlockReader reader = new BlockReader(block, offset);
        int position = 0;
        for (String token : text.split("_", -1)) {
            reader.accept(token, offset + position);
            position += token.length() + 1;
        }
        return reader.finish(text);
    }

    public static String format(List<BlockSpec> blocks) {
        return String.join(",", blocks.stream().map(BlockStringCodec::format).toList());
    }

    public static String format(BlockSpec block) {
        StringBuilder text = new StringBuilder()
                .append('r').append(block.repeats())
                .append("_k").append(block.kernel())
                .append('_').append(block.strideNotation().format(block.stride()))
                .append("_e").append(block.expansion())
                .append("_i").append(block.inFilters())
                .append("_o").append(block.outFilters());
        if (block.seRatio() != null) {
            text.append("_se").append(formatRatio(block.seRatio()));
        }
        if (block.convType().token() != null) {
            text.append("_c").append(block.convType().token());
        }
        if (block.skip() == SkipOp.NONE) {
            text.append("_noskip");
        } else if (block.skip() == SkipOp.POOL) {
            text.append("_pool");
        }
        return text.toString();
    }

    /** A ratio as Python's {@code '%s' % float} prints it, which is how the reference encoders write it. */
    static String formatRatio(double ratio) {
        String plain = BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static String tokenAt(String block, int at) {
        int end = block.indexOf('_', at);
        return block.substring(at, end < 0 ? block.length() : end);
    }

    /** Consumes a block's tokens in canonical order and remembers what it saw. */
    private static final class BlockReader {
        private final int block;
        private final int offset;
        private final int[] values = new int[REQUIRED.size()];
        private int required;
        // Optional tokens come in this order; a later one closes the earlier slots.
        private int optionalStage;
        private StrideNotation notation;
        private Double seRatio;
        private ConvType convType = ConvType.MBCONV;
        private SkipOp skip = SkipOp.IDENTITY;
        private int convTokenAt = -1;
        private String convToken;

        BlockReader(int block, int offset) {
            this.block = block;
            this.offset = offset;
        }

        void accept(String token, int at) {
            if (token.isEmpty()) {
                throw error(at, token, "empty token (doubled or trailing '_')");
            }
            Matcher matcher = TOKEN.matcher(token);
            if (!matcher.matches()) {
                throw error(at, token, "a token starts with its letter key, e.g. r2 or k3");
            }
            String key = matcher.group(1);
            String value = matcher.group(2);
            if (required < REQUIRED.size()) {
                acceptRequired(key, value, token, at);
            } else {
                acceptOptional(key, value, token, at);
            }
        }

        private void acceptRequired(String key, String value, String token, int at) {
            String expected = REQUIRED.get(required);
            if (!key.equals(expected)) {
                throw error(at, token, "expected the '" + expected + "' token here (order r, k, s, e, i, o)");
            }
            if (key.equals("s")) {
                Matcher stride = STRIDE.matcher(value);
                if (!stride.matches()) {
                    throw error(at, token, "stride is one digit 1-9 (s2) or the same digit twice (s22)");
                }
                if (stride.group(2) != null && !stride.group(2).equals(stride.group(1))) {
                    throw error(at, token, "strides must be equal on both axes");
                }
                notation = stride.group(2) == null ? StrideNotation.SINGLE : StrideNotation.PAIR;
                values[required++] = Integer.parseInt(stride.group(1));
                return;
            }
            if (!NATURAL.matcher(value).matches()) {
                throw error(at, token, "'" + key + "' takes a positive integer without leading zeros");
            }
            values[required++] = Integer.parseInt(value);
        }

        private void acceptOptional(String key, String value, String token, int at) {
            switch (key) {
                case "se" -> {
                    requireStage(0, token, at);
                    seRatio = parseRatio(value, token, at);
                    optionalStage = 1;
                }
                case "c" -> {
                    requireStage(1, token, at);
                    convType = value.isEmpty() ? null : ConvType.ofToken(value);
                    if (convType == null) {
                        throw error(at, token, "conv type is c1 (Fused-MBConv) or c2 (regular conv);"
                                + " MBConv has no _c token");
                    }
                    convTokenAt = at;
                    convToken = token;
                    optionalStage = 2;
                }
                case "noskip", "pool" -> {
                    requireStage(2, token, at);
                    if (!value.isEmpty()) {
                        throw error(at, token, "'" + key + "' takes no value");
                    }
                    skip = key.equals("noskip") ? SkipOp.NONE : SkipOp.POOL;
                    optionalStage = 3;
                }
                default -> throw error(at, token, "unknown token; after r, k, s, e, i, o come only"
                        + " se{ratio}, c1|c2 and noskip|pool, in that order");
            }
        }

        private void requireStage(int latest, String token, int at) {
            if (optionalStage > latest) {
                throw error(at, token, "out of order or repeated; optional tokens come as se, c, noskip|pool");
            }
        }

        private Double parseRatio(String value, String token, int at) {
            BigDecimal ratio;
            try {
                ratio = new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw error(at, token, "se takes a ratio in (0, 1], e.g. se0.25");
            }
            if (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
                throw error(at, token, "se ratio must be in (0, 1]; leave the token out for no squeeze-excitation");
            }
            String canonical = formatRatio(ratio.doubleValue());
            if (!canonical.equals(value)) {
                throw error(at, token, "write the ratio as se" + canonical);
            }
            return ratio.doubleValue();
        }

        BlockSpec finish(String text) {
            if (required < REQUIRED.size()) {
                throw error(offset, text, "missing the '" + REQUIRED.get(required) + "' token (a block needs r, k, s, e, i, o)");
            }
            if (convType == ConvType.REGULAR && values[3] != 1) {
                throw error(convTokenAt, convToken, "a regular conv (c2) has expansion 1, was e" + values[3]);
            }
            return new BlockSpec(values[0], values[1], values[2], values[3], values[4], values[5], seRatio,
                    convType, skip, notation);
        }

        private BlockStringException error(int at, String token, String reason) {
            return new BlockStringException(block, at, token, reason);
        }
    }
}
