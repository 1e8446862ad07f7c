package org.saddlecheck.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.saddlecheck.util.Require;

/**
 * Reader of the IDX format of LeCun's MNIST files (and Fashion-MNIST's, which use the same layout), for STAIB-FIG2
 * (CLAIMS.md STAIB-FIG2). Files may be gzip-compressed or raw: compression is recognised from the content (the
 * gzip magic 1f 8b), not from the name.
 *
 * <p>Format: a big-endian header — two zero bytes, a type byte (0x08 = unsigned byte, the only type accepted here),
 * the number of dimensions — then one big-endian 32-bit size per dimension, then the data, row-major. Images are
 * 3-dimensional (n × rows × cols, magic 0x00000803), labels 1-dimensional (n, magic 0x00000801). The data must fill
 * the file exactly: a truncated file and trailing bytes are both rejected. Every error is an
 * {@link IllegalArgumentException} that names the file.
 */
public final class IdxReader {
    private IdxReader() {}

    /** The largest data block accepted (bytes): Java arrays hold at most about 2³¹ entries. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    /** IDX images: {@code pixels[i·rows·cols + r·cols + c]} is pixel (r, c) of image i, as an unsigned byte 0..255. */
    public record Images(Path file, int n, int rows, int cols, byte[] pixels) {
        /** Features per image (rows·cols). */
        public int size() {
            return rows * cols;
        }

        /** Pixel j (row-major) of image i as a value in [0, 1] (byte/255). */
        public double value(int i, int j) {
            return (pixels[i * size() + j] & 0xff) / 255.0;
        }
    }

    /** Reads an image file (magic 0x00000803: unsigned bytes, 3 dimensions). */
    public static Images readImages(Path file) {
        Require.notNull("file", file);
        byte[] b = readAll(file);
        int[] dims = header(file, b, 3, "images");
        long size = (long) dims[0] * dims[1] * dims[2];
        int off = 4 + 4 * 3;
        checkLength(file, b, off, size, dims[0] + " images of " + dims[1] + "x" + dims[2] + " pixels");
        byte[] px = new byte[(int) size];
        System.arraycopy(b, off, px, 0, px.length);
        return new Images(file, dims[0], dims[1], dims[2], px);
    }

    /** Reads a label file (magic 0x00000801: unsigned bytes, 1 dimension); labels are 0..255. */
    public static int[] readLabels(Path file) {
        Require.notNull("file", file);
        byte[] b = readAll(file);
        int[] dims = header(file, b, 1, "labels");
        int off = 4 + 4;
        checkLength(file, b, off, dims[0], dims[0] + " labels");
        int[] y = new int[dims[0]];
        for (int i = 0; i < y.length; i++) y[i] = b[off + i] & 0xff;
        return y;
    }

    /** Whole file content, gunzipped when it starts with the gzip magic. */
    static byte[] readAll(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("IDX file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("IDX file " + file + " cannot be read: " + e, e);
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                return in.readAllBytes();
            } catch (EOFException e) {
                throw new IllegalArgumentException("IDX file " + file + " is a truncated gzip stream (unexpected end of file)", e);
            } catch (ZipException e) {
                throw new IllegalArgumentException("IDX file " + file + " is not a valid gzip stream: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalArgumentException("IDX file " + file + " cannot be decompressed: " + e, e);
            } catch (OutOfMemoryError e) {
                throw new IllegalArgumentException("IDX file " + file + " decompresses to more than fits in memory", e);
            }
        }
        return raw;
    }

    private static int[] header(Path file, byte[] b, int wantDims, String what) {
        if (b.length < 4) {
            throw new IllegalArgumentException("IDX file " + file + " is too short (" + b.length
                    + " bytes) for an IDX header: expected " + what + " with magic 0x0000080" + wantDims);
        }
        int magic = readInt(b, 0);
        int want = 0x00000800 | wantDims;
        if (magic != want) {
            throw new IllegalArgumentException(String.format(
                    "IDX file %s has magic number 0x%08X, expected 0x%08X (%s: unsigned bytes, %d dimension%s)%s", file, magic, want,
                    what, wantDims, wantDims == 1 ? "" : "s", hint(magic)));
        }
        if (b.length < 4 + 4L * wantDims) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated inside its header (" + b.length + " bytes)");
        }
        int[] dims = new int[wantDims];
        for (int d = 0; d < wantDims; d++) {
            dims[d] = readInt(b, 4 + 4 * d);
            if (dims[d] <= 0) {
                throw new IllegalArgumentException("IDX file " + file + " has dimension " + d + " of size " + dims[d]
                        + " (interpreted as unsigned: " + Integer.toUnsignedLong(dims[d]) + "); sizes must be > 0 and < 2^31");
            }
        }
        return dims;
    }

    private static String hint(int magic) {
        if ((magic & 0xFFFF0000) != 0) return " — not an IDX file (or a compressed format other than gzip)";
        int type = (magic >>> 8) & 0xff;
        if (type != 0x08) return String.format(" — data type 0x%02X is not supported (only 0x08, unsigned byte)", type);
        return " — wrong number of dimensions (an images file where labels are expected, or the reverse?)";
    }

    private static void checkLength(Path file, byte[] b, int off, long size, String what) {
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("IDX file " + file + " declares " + what + " = " + size + " bytes, more than "
                    + MAX_BYTES + " (too large to load)");
        }
        long have = b.length - (long) off;
        if (have < size) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated: its header declares " + what + " (" + size
                    + " bytes of data) but only " + have + " bytes follow the header");
        }
        if (have > size) {
            throw new IllegalArgumentException("IDX file " + file + " has " + (have - size) + " trailing bytes after the " + size
                    + " bytes its header declares (" + what + ")");
        }
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
