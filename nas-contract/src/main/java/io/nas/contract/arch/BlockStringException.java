package io.nas.contract.arch;

/**
 * A block string that cannot be read. The message names the bad token, the block (0-based) and the character
 * offset (0-based, in the whole comma-joined string), so a user can find it in one look.
 */
public class BlockStringException extends IllegalArgumentException {

    private final int block;
    private final int offset;
    private final String token;

    public BlockStringException(int block, int offset, String token, String reason) {
        super("bad token '" + token + "' in block " + block + " at offset " + offset + ": " + reason);
        this.block = block;
        this.offset = offset;
        this.token = token;
    }

    public int block() {
        return block;
    }

    public int offset() {
        return offset;
    }

    public String token() {
        return token;
    }
}
